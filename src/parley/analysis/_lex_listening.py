"""Cue patterns for the active-listening skills and question forms.

Each entry is ``(rule name, regex, confidence)``; the regexes run on normalised text
(lowercase, contractions canonical: ``you're``, ``don't``, ``i'm``, ``it's``).
Patterns state the principle of a technique, not one stock opener.
"""

from __future__ import annotations

EMO = (
    r"(?:angry|anger|furious|mad|upset|scared|afraid|frightened|terrified|fear|hurt|hurting|"
    r"betrayed|exhausted|tired|worn out|alone|lonely|hopeless|desperate|trapped|frustrated|"
    r"frustration|humiliated|ashamed|guilty|sad|sadness|heartbroken|devastated|overwhelmed|"
    r"stressed|anxious|worried|disrespected|ignored|cornered|lost|confused|fed up|sick of|"
    r"let down|abandoned|rejected|embarrassed|panicked|panicking|helpless|numb|pissed|grief|"
    r"grieving|pain|crushed|bitter|resentful|powerless|unheard|invisible|cheated|under "
    r"pressure|on edge|broken|worthless|useless|a failure|shocked|stuck|disappointed|jealous|"
    r"nervous|tense|wronged|miserable|depressed|empty|out of options|no way out|at the end|"
    r"done with|nobody (?:cares|listens)|no one (?:cares|listens)|can't take|enough|mortified|"
    r"gutted|wrecked|shattered|rattled|shaken|petrified|distraught|livid|raging|fuming|dreading|"
    r"missing|regret|guilt|shame|bitterness|bitter|resentment|disappointment|despair|panic|"
    r"panicky|jumpy|twitchy|wound up|breaking point|unwanted|unloved|unappreciated|homesick|"
    r"on fumes|bricking it|losing it|sick and tired|tired of|at your wits' end|in pieces|"
    r"злишься|устал|устала|боишься|страшно|больно|обидно|одиноко|тяжело|расстроен|обижен)"
)

EVAL = (
    r"(?:hard|difficult|tough|rough|brutal|scary|frightening|terrifying|awful|terrible|horrible|"
    r"painful|exhausting|lonely|overwhelming|frustrating|devastating|heartbreaking|gutting|"
    r"humiliating|unbearable|heavy|a lot(?! of)|too much|so much|a nightmare|hell|infuriating|"
    r"maddening|upsetting|distressing|harrowing|crushing|soul-destroying|draining|relentless|"
    r"isolating|haunting|traumatic|shocking|bleak|hurtful|unreal|a gut punch|a kick in the "
    r"teeth|a blow|a heavy thing|a lot to (?:carry|take in|deal with|hold)|miserable|"
    r"stressful|nerve-wracking|tiring|wearing|grim)(?! (?:thing )?(?:to do|of you)\b)"
)
"""Evaluative words for how an experience feels ("that's brutal", "sounds exhausting")."""

_NOT_EVAL = (
    r"(?!(?:good|fine|great|fair|right|reasonable|okay|ok|alright|interesting|familiar|true|"
    r"possible|likely|simple|easy|sensible|like|as|to|the|a|an|about|it|that|you|me|him|her|"
    r"them|perfect|brilliant|lovely|nice|promising|doable|clear|correct|wrong|odd|strange)\b)"
)
_LEAD = (r"(?:^|\b(?:that|it|this|which|all that|all this|everything|oh|god|man|mate|wow|yeah|"
         r"and)\s)")
_INTENS = (r"(?:(?:really|so|pretty|very|absolutely|just|bloody|incredibly|awfully|quite|"
           r"honestly|a bit|a little|completely|utterly|properly|such|a|an|a real|genuinely|"
           r"truly)\s)*")
# The subject's experience as the grammatical subject of a feeling verb ("that stings").
_AFFECT_VERB = (
    r"(?:hurts?|stings?|stung|cuts? (?:deep|you)|eats? (?:at|away at) you|eating (?:at|away at) "
    r"you|gets? to you|got to you|getting to you|gets? under your skin|got under your skin|"
    r"winds? you up|wound you up|drives? you (?:mad|crazy|round the bend|up the wall|nuts)|"
    r"driving you (?:mad|crazy|round the bend|up the wall|nuts)|weighs? on you|weighing on you|"
    r"haunts? you|haunting you|kills? you|killing you|breaks? your heart|broke your heart|"
    r"terrif(?:ies|ied|ying) you|scared you|frightened you|upset you|bothers? you|bothered you|"
    r"rattled you|shook you|gutted you|floored you|tears? you apart|tearing you apart|"
    r"keeps? you up|stays? with you|sits? heavy)"
)
# Verbs of the subject's inner life, said to them: "you miss her", "you light up".
_INNER_VERB = (
    r"(?:miss|missed|love|loved|care|cared|worry|worried|dread|fear|hate|hated|regret|blame "
    r"yourself|light up|lit up|carry|carried|ache|long for|wish|feel|felt|can't stop thinking|"
    r"keep thinking|can't forget|can't shake|can't bear|couldn't bear|want (?:so badly|so much|"
    r"more than anything|desperately)|need (?:someone|somebody|people)|"
    r"trust|don't trust|doubt|blame)"
)

LABEL = (
    ("tentative label with an emotion",
     r"\b(?:sounds|seems|looks|feels|sounding) (?:like|as if|as though|to me like)\b.*\b" + EMO,
     0.85),
    ("tentative label frame", r"\b(?:it )?(?:sounds|seems|feels) (?:like|as if|as though)\b"
     r"(?! (?:a plan|a good|good|fair|great|a deal|the best|a lot of people))", 0.55),
    ("you seem/sound + emotion",
     r"\byou (?:seem|sound|look|seemed|sounded|looked)\b(?: \w+){0,3} " + EMO, 0.85),
    ("emotion named for the subject",
     r"(?<!what )(?<!which )(?<!that )\byou(?:'re| were|'ve been| must be| must have been"
     r"| might be| may be| must feel"
     r"| feel| felt| feeling|'re feeling)\b(?: \w+){0,3} (?<!\bto )(?<!gonna )" + EMO, 0.7),
    ("you feel ...", r"^(?:and |so )?you(?:'re)? (?:feel|feeling|felt)\b", 0.6),
    ("that must be hard",
     r"\b(?:that|this|it|all this|all of that) (?:must|would|could|has got to|'s got to|"
     r"has to) (?:be|have been|feel) (?:\w+ ){0,2}(?:hard|difficult|tough|scary|frightening|"
     r"awful|terrible|painful|exhausting|lonely|overwhelming|frustrating|horrible|"
     r"devastating|a lot|heavy|unbearable|humiliating)", 0.8),
    ("I can hear/see the emotion",
     r"\bi (?:can )?(?:hear|tell|see|sense|imagine|understand)\b(?: \w+){0,6} " + EMO, 0.75),
    ("tentative sense", r"\bi (?:get|have) the (?:sense|feeling|impression)\b|\bi'm (?:guessing|"
     r"sensing|hearing)\b|\bi wonder if you(?:'re| feel)\b", 0.6),
    ("something scares you",
     r"\b(?:scares?|frightens?|terrif(?:y|ies)|worr(?:y|ies)|upsets?|hurts?|angers?) you\b", 0.6),
    ("emotion as a noun",
     r"\b(?:a lot of|so much|such|that kind of) (?:anger|pain|hurt|fear|grief|sadness|"
     r"frustration|stress|pressure|weight|rage|shame|guilt|bitterness|regret|resentment|"
     r"loneliness|worry|disappointment|heartache|sorrow|despair)\b", 0.65),
    ("experience sounds/seems so",
     _LEAD + r"(?:sounds|sounded|seems|seemed)\s" + _INTENS + _NOT_EVAL + r"(?:" + EVAL + r"|"
     + EMO + r"|\w+(?:ing|ful|less|ible))\b", 0.75),
    ("that's + how it feels",
     _LEAD + r"(?:that's|that is|that was|it's|it was|this is|this has been|that's been|it's been|"
     r"what a)\s" + _INTENS + EVAL + r"\b", 0.7),
    ("that must hurt",
     r"\b(?:that|this|it|all this|all of that|which) (?:must|would|could|has got to|'s got to|"
     r"has to)(?: have)? (?:feel|felt|be|been)?\s?(?:like\b|" + _AFFECT_VERB + r")", 0.75),
    ("a feeling as the predicate",
     r"\b(?:that|it|this|which|the (?:\w+ ){0,2}(?:part|bit|thing))(?:'s| is| was|'s been| has "
     r"been)?(?: (?:really|still|just|"
     r"probably|clearly|must|would|can|did))? " + _AFFECT_VERB + r"|\bwhat hurts\b|"
     r"\bhurts (?:the )?most\b|\bthe part that\b.*\b(?:hurts|stings|gets)\b", 0.75),
    ("no wonder / of course you feel",
     r"\b(?:no wonder|small wonder|i bet|bet) (?:you|you're|you've|you'd|you feel|it|"
     r"that)\b|\bpart of you\b|\bno wonder\b", 0.7),
    ("you + inner-life verb",
     r"(?:^|\b(?:and|so|but|yeah|oh|okay|mate|man|honestly|think|guess|maybe)\s)you(?: (?:really|"
     r"still|must|clearly|obviously|just|so|never|always|do|did|can|must still))? " + _INNER_VERB
     + r"\b", 0.7),
    ("you've been carrying it",
     r"\byou(?:'ve| have)? been (?:carrying|holding|bottling|dealing with|going through|"
     r"struggling|fighting|living with|putting up with|coping with|trying so hard|through (?:a "
     r"lot|hell|so much|the mill))\b|\byou're (?:carrying|bottling|going through|struggling|"
     r"living with|holding (?:it|this|that|everything|all of (?:it|this|that)) (?:in|together)"
     r")\b", 0.7),
    ("feeling with a tag question",
     r"\b" + EMO + r"\b.*\b(?:aren't|don't|haven't|didn't|weren't|isn't|wasn't|hasn't|doesn't) "
     r"(?:you|it)\b", 0.75),
    ("RU: tentative label", r"(?:похоже|кажется|видимо|наверное)\b.*\b(?:ты|вы|тебе|вам)\b", 0.65),
    ("RU: emotion named", r"\b(?:тебе|вам|ты|вы)\b(?:,? \w+){0,3},? " + EMO, 0.75),
    ("RU: tentative label, subject first",
     r"\b(?:ты|вы|тебе|вам)\b.*\b(?:наверное|похоже|кажется|видимо)\b", 0.6),
)

PARAPHRASE_FRAME = (
    ("paraphrase frame",
     r"\b(?:what )?you're (?:saying|telling me)\b|\bin other words\b|\bif i (?:understand|hear|"
     r"heard|got) (?:you |that |this |it )?(?:right|correctly)\b|\byou mean\b|\bso basically\b|"
     r"\bwhat i'm hearing is\b|\bif i'm hearing you\b", 0.75),
    ("RU: paraphrase frame", r"(?:то есть|иначе говоря|правильно ли я понимаю|ты говоришь, что|"
     r"вы говорите, что)", 0.7),
)

SO_OPENER = r"^(?:so|and so|okay so|ok so|right so|так|то есть)\b,?(?! (?:what|how|why|let's|can|"
SO_OPENER += r"could|would|will|do|did|are|is|tell|where|when|who)\b)"

SUMMARY = (
    ("summary frame",
     r"\blet me (?:see|make sure|check)(?: if| that)? i(?:'ve)? (?:got|get|understand|have)\b|"
     r"\b(?:to )?sum(?:ming)? (?:it |this |things |all this )?up\b|\bsummari[sz](?:e|ing)\b|"
     r"\bso i(?:'ve| have) got the (?:full |whole )?picture\b|"
     r"\blet me (?:just )?read (?:that|it|this) back\b|\b(?:have|got|get) (?:it|this|"
     r"that|you|everything) (?:straight|right)\b|\blet me (?:recap|run "
     r"(?:it|that|this) back|go over|just check)\b|\bif i(?:'ve| have) got (?:this|it|that|"
     r"you|all this|everything) right\b|\bso far (?:you've|i(?:'ve| have) heard|you told)\b|"
     r"\bfrom what you've (?:told|said)\b|"
     r"\b(?:put|pull) (?:it|all this|that|this|everything) together\b|"
     r"\blet me (?:make sure|see)\b.*"
     r"\b(?:all|everything|so far)\b|\bso many things\b|\bon top of (?:all|everything)\b",
     0.8),
    ("list of several items",
     r"(?:\b(?:the|your|his|her)\s+\w+(?:\s+\w+)?,\s*){2,}|\bfirst\b.*\bthen\b.*\b(?:now|and)"
     r"\b|(?:\w+, ){2,}(?:and|then|now)\b", 0.5),
    ("RU: summary frame", r"(?:давай(?:те)? (?:я )?подытож|если я (?:всё|все) правильно понял|"
     r"итак, )", 0.75),
)

ENCOURAGER = (
    r"(?:m+-?h+m+|m+ ?hm+|mhm|u+h[- ]?hu+h|hm+|m+|go on|go ahead|keep going|keep talking|carry "
    r"on|tell me more|i see|"
    r"i hear you|i'm (?:still )?listening|i'm with you|right|alright|all right|okay|ok|yeah|"
    r"yes|yep|yup|sure|really|wow|oh|ah|got it|i understand|understood|and then|and|"
    r"gotcha|i get it|uh|sure|then what|and after that|i'm here|please|ага|угу|да|ясно|понятно|"
    r"я (?:тебя |вас )?понимаю|понял|поняла|"
    r"понимаю|продолжай|продолжайте|я слушаю|слушаю|так|и|ну|и что потом|и дальше)"
)
ENCOURAGER_STRONG = (
    r"\b(?:m+-?h+m+|mhm|u+h[- ]?hu+h|go on|keep going|keep talking|tell me more|i see|"
    r"i'm listening|i hear you|carry on|"
    r"and then|then what|угу|продолжай|слушаю)\b"
)

OPEN_Q = (
    ("tell me / help me understand",
     r"\b(?:tell|talk to|walk) me (?:about|more|through|what|how|who)\b|\btell me (?:when|where)\b"
     r"(?=.*\b(?:start|began|went wrong|happen|changed|turned))|\bhelp me "
     r"(?:understand|see)\b|\b(?:can|could|would|will) you (?:tell|talk to|walk|help) me\b|\bi'd "
     r"(?:like|love) to (?:hear|know|understand)\b|\bi'm (?:wondering|curious) (?:what|how|"
     r"about)\b|\bi wonder (?:what|how)\b|\b(?:describe|explain) (?:what|how|it|that|to me)\b|"
     r"\bsay more\b|\bwhat's (?:that|it) like\b", 0.75),
    ("RU: open question", r"^(?:а |и |так )?(?:что|как|расскажи|расскажите|опиши)\b", 0.7),
)

OPEN_WH = r"^(?:and |but |so |okay |ok |well |then |now )?(?:what|how)\b(?! (?:about|if)\b)"
# A where/when/who question that invites a story, not a single fact ("when did it start?").
NARRATIVE_WH = (
    r"^(?:and |but |so |okay |ok |well |then |now )?(?:where|when|who|which)\b.*\b(?:start|"
    r"started|starting|begin|began|begun|go wrong|went wrong|going wrong|gone wrong|happen|"
    r"happened|happening|feel|felt|mean|means|meant|go from here|going from here|change|"
    r"changed|fall apart|fell apart|falling apart|turn|turned|end up|ended up|come from|came "
    r"from|matters?|leave you|left you|lose|lost|(?:want|like|hope|see)(?: (?:this|it|things|"
    r"that|yourself|them))? (?:to go|to end|to happen|to be|going|ending|in)|"
    r"get to (?:this|here|that)|got to (?:this|here|that)|come to this|came to this)\b"
)
# Bare feeling words: a verbless label ("Betrayed." "Missing them.")
BARE_FILLER = frozenset(
    "so really proper properly maybe perhaps a bit little just quite very that all of it right "
    "now tonight mate man eh huh feeling feel i'd guess think them him her it you this all "
    "and totally completely pretty such of".split()
)

FACT_WH = (
    r"^(?:and |but |so |okay |ok |well |then |now )?(?:where|when|who|whom|whose|which|how "
    r"(?:many|much|old|long|far|soon|often|big)|what(?:'s| is| was) (?:your|his|her|their|the) "
    r"(?:name|number|address|age|phone)|what time|what (?:kind|type|sort|make|colou?r|calibre|"
    r"caliber|brand) of (?:gun|weapon|car|pills?|medication|tablets|drugs|knife)|what (?:floor|"
    r"room|number|street|address|day|year)|где|когда|кто|сколько|какой)\b"
)
# A wh-question inside unpunctuated speech ("i hear you what happened tonight").
INNER_WH = (
    r"\b(?:what|how)(?:'s| (?:happened|is|are|do|did|does|was|were|made|can|could|would|has|"
    r"have|brought|led|went|got|are you|is it|come))\b"
)
EMBEDDING_VERBS = frozenset(
    "know knew see understand remember hear heard idea sure wonder forget care matter that's "
    "is was decide explain".split()
)
TAG_Q = r"(?:, ?|\b)(?:right|okay|ok|yeah|yes|correct|isn't it|don't you|aren't you)\?*$"

I_MESSAGE = (
    ("I-statement of own feeling with cause",
     r"\bi(?:'m| feel| get| become|'m getting|'m feeling| start to feel| start getting| "
     r"worry| start to worry| do worry)\b(?: \w+){0,2} (?:worried|concerned|uneasy|nervous|"
     r"anxious|scared|afraid|uncomfortable|frustrated|confused|upset|frightened|tense|unsure|"
     r"sad|troubled|alarmed|on edge|torn|worry|a bit lost|stuck)\b.*\b(?:when|because|that|if|"
     r"since|whenever|as)\b", 0.8),
    ("I worry when",
     r"\bi (?:worry|get worried|panic|fret|get scared)\b.*\b(?:when|because|if|that|since)\b",
     0.8),
    ("it worries me / my concern",
     r"\b(?:it|that|this|what) (?:worries|concerns|scares|frightens|bothers|troubles|upsets|"
     r"makes me (?:nervous|uneasy|worried))\b(?: me)?|\bmy (?:concern|worry|fear) is\b|"
     r"\bwhat worries me\b", 0.7),
    ("I-statement of own feeling",
     r"\bi(?:'m| feel| get|'m getting|'m feeling)\b(?: \w+){0,2} (?:worried|concerned|uneasy|"
     r"nervous|anxious|scared|afraid|uncomfortable|frustrated|confused|frightened|tense|"
     r"troubled|alarmed|on edge|torn)\b", 0.5),
    ("RU: I-statement", r"\bя (?:волнуюсь|переживаю|беспокоюсь|боюсь|нервничаю)\b.*\b(?:когда|"
     r"потому|что)\b|\bменя (?:беспокоит|тревожит|пугает|волнует)\b", 0.75),
)

PAUSE_ONLY = (
    r"^\s*(?:(?:\.\s*){2,}|…+|-+|[\(\[\*<{]+\s*(?:a |long |short |brief |deliberate )?(?:pause|"
    r"pauses|silence|silent|says nothing|stays silent|no response|waits|waiting|beat|quiet|"
    r"пауза|молчание|молчит)\s*[\)\]\*>}]+|pause|silence|пауза|молчание|\s)+\s*$"
)
PAUSE_PART = (
    r"^\s*(?:\.{3,}|…|[\(\[\*]\s*(?:pause|silence|пауза)\w*\s*[\)\]\*])|[\(\[\*]\s*(?:long "
    r"|short |brief )?(?:pause|pauses|silence|пауза)\s*[\)\]\*]"
)
