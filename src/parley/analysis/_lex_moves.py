"""Cue patterns for the other negotiator moves.

Each entry is ``(rule name, regex, confidence)`` on normalised text.
"""

from __future__ import annotations

REASSURANCE = (
    ("negotiator stays present",
     r"\bi'm (?:still |right )?(?:here|with you|on your side|not going anywhere|staying|not "
     r"leaving|in no hurry|not in a hurry)\b|\bi'm not going (?:anywhere|to leave|to hang up)\b|"
     r"\bi'll (?:stay|be (?:right )?here|stay on the line|be with you|keep talking|be right "
     r"there)\b|\bi won't (?:leave|hang up|go anywhere|lie to you|trick you|judge)\b", 0.8),
    ("no one will rush or force",
     r"\b(?:no one|nobody|no-one)(?:'s| is| will)(?: going to)? (?:rush|pressure|force|push|"
     r"storm|come in|hurry|make you|trick|barge|drag|send|sending|coming in)\b|\bnothing "
     r"(?:is going to|'s going to|will) happen (?:without|until|while|unless)\b|"
     r"\bno one's coming in\b", 0.8),
    ("time, safety, not alone",
     r"\b(?:take (?:all )?(?:your|the) time|(?:there's )?no (?:rush|hurry)|we(?:'ve| have)"
     r"(?: got)? (?:all the |plenty of )?time|we're in no hurry|you're not alone|you don't have "
     r"to (?:go through|do|face) (?:this|it) alone|we'll (?:get through|work (?:through|this "
     r"out)|figure (?:this|it) out)|you're safe|you're doing (?:well|great|fine|okay|the right "
     r"thing|really well)|i want (?:to help|you safe|you to be safe|everyone (?:safe|to be "
     r"safe)|you to get through)|i'm here (?:to help|for you)|i care (?:about|what happens)|"
     r"(?:your|everyone's) safety (?:is|matters)|i'm not going to (?:lie|trick|judge)|i won't "
     r"judge|it's (?:going to be|gonna be) (?:okay|alright|all right)|we can (?:get through|"
     r"sort|work) this|it's okay to|that's (?:okay|understandable|completely understandable)|"
     r"anyone would (?:feel|be)|it's just (?:you and me|us)|you matter|your life matters|"
     r"people care about you|i'm glad "
     r"you(?:'re| are)? (?:talking|told|still)|thank you for (?:talking|telling|trusting))\b",
     0.7),
    ("I want you safe",
     r"\bi want (?:you|everyone|everybody|all of you|us all|each of you)(?: \w+){0,2} (?:safe|"
     r"alive|okay|home|unhurt|out safe)\b", 0.7),
    ("no one will hurt you", r"\b(?:no one|nobody)(?:'s| is| will)(?: going to)? hurt you\b",
     0.55),
    ("plain don't worry", r"^don't worry\b(?! about (?:it|that)\b)", 0.45),
    ("RU: reassurance", r"(?:я (?:здесь|рядом|с тобой|с вами|никуда не (?:уйду|ухожу))|ты не "
     r"(?:один|одна)|вы не одни|не торопи(?:сь|тесь)|у нас есть время|никто не (?:будет )?"
     r"(?:торопить|штурмовать)|вс[её] будет хорошо)", 0.75),
)

FACE_SAVING = (
    ("shows strength",
     r"\b(?:shows?|showing|takes?|would show|will show|that's|proves?|means) (?:real |a lot "
     r"of |great |true |some )?(?:strength|courage|guts|character|maturity|leadership|"
     r"responsibility|backbone|bravery|integrity|dignity|respect for)\b", 0.85),
    ("show who you are",
     r"\b(?:show|shows|prove|proves|tell|tells) (?:everyone|the world|people|them|your \w+|all "
     r"of them|the country)(?: that)? (?:you|you're|your)\b|\b(?:walk|come|step) out\b.*\b(?:on "
     r"your own|yourself|by yourself|under your own|standing up|on your feet)\b|\b(?:people|"
     r"everyone|they|the world) will (?:see|remember|know|respect) (?:that|it|this|you|what)\b",
     0.75),
    ("control back, they'll say",
     r"\b(?:tak(?:e|ing) (?:back )?control|in control|control back|you're calling the shots)\b|"
     r"\b(?:they|people|everyone)(?:'ll| will| would) say (?:you|that you)\b", 0.7),
    ("on your own terms",
     r"\bon your (?:own )?terms\b|\bwith (?:your )?(?:dignity|head (?:held )?high|your head "
     r"up)\b|\bhead held high\b|\bin your own way\b|\bwalk out (?:proud|standing)\b", 0.8),
    ("not seen as giving up",
     r"\b(?:no one|nobody|no-one)(?: has| needs| will| is going| should| would)?(?: to)? "
     r"(?:see|think|call|say|view|remember|look at)\b(?: \w+){0,3} (?:giving up|weak|a "
     r"coward|losing|surrender|backing down|backed down|gave in|caved|quitting|defeat|gave up|lost|"
     r"failure|were weak|failed)\b", 0.85),
    ("not weakness",
     r"\b(?:isn't|not|doesn't (?:mean|make you)|wouldn't (?:be|make you)|won't (?:be|make "
     r"you)|never) (?:about )?(?:giving up|weakness|weak|losing|surrender|backing down|a "
     r"defeat|quitting|you losing|being weak|a coward|a failure|a loser)\b", 0.75),
    ("the subject's own decision",
     r"\b(?:your|his|her) (?:own )?(?:decision|choice|call|idea)\b|\byou(?:'ve| have)? "
     r"(?:decided|chosen|choosing|deciding) (?:to|this|how)\b|\byou're (?:the one )?in "
     r"(?:control|charge)\b|\byou(?:'ve| have)? (?:made|got) your point\b|\b(?:everyone|"
     r"they|people|the world|the whole country) (?:heard|knows|has heard|will hear|have "
     r"heard) (?:you|your|what)\b|\byou(?:'ve| have) been heard\b", 0.65),
    ("dignified way out",
     r"\b(?:it|that) takes a (?:strong|brave|real|big) (?:person|man|woman|mother|father)\b|"
     r"\bthe (?:strong|brave|honourable|honorable|decent|responsible|right) (?:thing|choice|"
     r"decision|move|way)\b|\b(?:your|the) (?:kids|children|son|daughter|family|mother|men|"
     r"people|comrades) (?:will|would) (?:be proud|respect|see|know|remember)\b|\bwhat "
     r"people will remember\b|\bprotect(?:ing)? your (?:reputation|name|honour|honor)\b|"
     r"\bsave face\b|\bbe proud of\b|\byou can (?:tell|say to) (?:them|everyone|people)\b|"
     r"\bhow you (?:end|finish) (?:this|it)\b", 0.7),
    ("the choice is the subject's",
     r"\byou(?:'d| would|'ll| will|'re going to)(?: be)? (?:the one )?(?:choosing|choose|deciding|"
     r"decide|making (?:that|this|the) (?:call|choice|decision))\b|\bnot (?:the|them|him|her|"
     r"anyone|anybody|us)\b.*\bnot (?:the|them|him|her|anyone|anybody|us)\b.*\byou\W*$|"
     r"\b(?:still )?(?:up to you|yours to (?:decide|choose|make))\b.*\b(?:how|when|way|end)\b|"
     r"\byou (?:still )?(?:get to )?(?:decide|choose) how (?:this|it|tonight|today) ends\b", 0.75),
    ("the story that will be told",
     r"\bthe story (?:can|will|could|would|gets to) be\b|\bwhat (?:the world|people|everyone|"
     r"they|he|she|your \w+)(?:'ll| will| would) (?:see|remember|say|tell|hear) is\b|\bwhen (?:he|"
     r"she|they|your \w+)(?:'s|'re| is| are) old enough\b|\bsomething (?:you can|to) (?:tell|be "
     r"proud of|look back on)\b|\b(?:tell|show) your (?:boy|son|girl|daughter|kids|children|"
     r"grandkids|family|mum|mother|dad|father|lad)\b|(?<!go )(?<!goes )(?<!went )(?<!gone )"
     r"(?<!going )(?<!in )(?<!my )\byour way\b(?! (?:out|in|through|home|"
     r"round|back|down)\b)|\bthat's (?:the|a) (?:last chapter|legacy|ending)\b", 0.75),
    ("credit for what the subject did well",
     r"^(?:and |but |look,? )?you(?:'ve| have)? (?:looked after|kept (?:\w+ ){0,2}(?:safe|alive|"
     r"calm)|taken care of|protected|treated (?:\w+ ){0,2}well|done right by|stood by)\b|\byou've "
     r"already (?:shown|proved|done)\b", 0.7),
    ("RU: face saving", r"(?:покажет|показывает) (?:силу|мужество)|на (?:твоих|ваших) условиях|"
     r"(?:тво[её]|ваше) решение|с достоинством|никто не (?:скажет|подумает)", 0.8),
)

SELF_DISCLOSURE = (
    ("negotiator's own family",
     r"\bi(?:'ve| have) (?:got )?(?:a |an |two |three |four |my own )(?:\w+ )?(?:daughter|son|"
     r"kid|kids|children|boy|boys|girl|girls|little one|teenager|baby|grandchild|wife|husband|"
     r"partner|brother|sister|dog|family)\b|\bi'm (?:a )?(?:dad|father|mum|mom|mother|parent|"
     r"grandfather|granddad|husband|wife)\b", 0.8),
    ("been through it",
     r"\bi (?:went|'ve been|have been|was|got) through (?:a |an |that|this|something|it|the "
     r"same|my own|hell|some)\b|\bi(?:'ve| have) been there\b|\b(?:happened|been through that)"
     r" to me\b|\bme too\b|\bsame here\b|\bi know (?:what it's like|how that feels|that "
     r"feeling)\b", 0.75),
    ("personal history",
     r"\bi (?:lost|buried) (?:my|a)\b|\bmy (?:dad|father|mum|mom|mother|brother|sister|wife|ex|"
     r"husband|son|daughter|kid|kids|best friend|friend|partner|grandad|grandma|family|old man)"
     r" (?:was|were|had|died|passed|left|lost|went|used to|got|took|drank|killed|walked)\b|"
     r"\bwhen i was (?:young|younger|a kid|a boy|a girl|your age|little|growing up|in the "
     r"army|in school|at school|a teenager)\b|\bi grew up\b|\bi used to (?:\w+ )?(?:drink|"
     r"struggle|feel|be|think|work|live)\b|\bi (?:was|got) (?:divorced|fired|laid off|made "
     r"redundant|sacked|deployed|diagnosed|depressed|in debt)\b|\bi(?:'ve| have) (?:struggled|"
     r"battled|felt (?:that|the same|like that)|been (?:divorced|fired|broke|depressed|in your)|"
     r"had (?:days|nights|times|moments) like)\b", 0.7),
    ("a hard time of my own",
     r"\bi (?:had|went through|hit) (?:a |my own )?(?:rough|hard|bad|tough|dark|low) (?:patch|"
     r"time|year|spell|place|few years)\b", 0.75),
    ("first person with 'myself/too'", r"^i\b.*\b(?:myself|too|as well)\b", 0.55),
    ("the negotiator's partner or life",
     r"\b(?:my (?:wife|husband|partner|ex) and i|me and my (?:wife|husband|ex|partner|missus)|"
     r"(?:of|in) my (?:own )?life)\b|\bmy (?:wife|husband|son|daughter|kids|boy|girl|dad|mum|"
     r"mother|father|brother|sister) \w+", 0.55),
    ("RU: self disclosure", r"\bу меня (?:тоже )?(?:есть )?(?:дочь|сын|дети|жена|муж|семья)\b|"
     r"\bя (?:тоже|сам|сама) (?:через это|разв|терял|потерял)|\bя (?:сам|сама) (?:отец|мать)",
     0.75),
)

PROBLEM_SOLVING = (
    ("why-don't-we suggestion", r"\bwhy (?:don't (?:we|you|i)|not)\b", 0.75),
    ("what if / how about",
     r"\b(?:how about|what about)\b(?! (?:your|the|my|his|her|their|it|that|him|them)\b)|"
     r"\bwhat if\b(?!(?: \w+){1,3} (?:doesn't|don't|didn't|won't|can't|isn't|wasn't|is|was|are|"
     r"were|says no|said no|goes wrong|went wrong|fails|failed|happens|happened|dies|died|finds "
     r"out|found out|refuses|refused)\b)", 0.7),
    ("offer or request asked as a question",
     r"^(?:(?:okay|ok|so|and|now|right|look|listen|then),? )?(?:could|can|shall|may|might) (?:we|i)"
     r"(?: maybe| just| perhaps| at least)? (?!ask|call you|check|say|be honest|tell you|just "
     r"check|speak freely|help you)(?:get|send|bring|have|pass|arrange|try|do|start|put|move|"
     r"let|take|give|talk|agree|sort|set|organi[sz]e|make|swap|offer|find|work|look|leave|keep|"
     r"drop|open|ring|call (?:someone|somebody|your|her|him|a)|come)\b", 0.65),
    ("let's", r"\blet's\b(?! (?:be honest|face it|see if i))", 0.65),
    ("maybe + action",
     r"(?:^|\b(?:and|but|so|then|or)\s)(?:maybe|perhaps|possibly)\b,?(?! (?:not|it's|that's|"
     r"you're|i'm|he's|she's|they're|there's|this|that|it|i|he|she|they|we're|not|so)\b)",
     0.55),
    ("you could / you might",
     r"\byou (?:could|might|can|may want to|might want to|should|ought to|need to|have to|could"
     r" always|can always|could try|might try)\b(?! (?:be|have been|feel|imagine|see|hear)\b)",
     0.6),
    ("request for an action",
     r"\b(?:would|will|could|can) you (?:please |maybe |just |at least |now )?(?:be willing to "
     r"|consider |think about |try (?:to )?)?(?:put|send|let|come|walk|release|step|throw|open|"
     r"give|pass|bring|take|drop|leave|unload|move|show|lower|hand|pick up|answer|agree|stay|"
     r"keep|meet|allow|do me a|free|stand|sit|wait|stop|try|consider|unlock|switch)\b", 0.7),
    ("willingness / options question",
     r"\b(?:would you be willing|are you willing|would you consider|would it help (?:if|to)|is "
     r"there (?:any way|anything|something|a way|someone)|how would you feel about|"
     r"would you like (?:to|me to)|do you want (?:me )?to (?:talk|speak|call|get|try|see)|"
     r"have you (?:thought about|considered|tried)|what would (?:it take|help|make it easier)|"
     r"what can we do|what do you need (?:from me|to)|what would you need|is it possible)\b", 0.65),
    ("explicit suggestion",
     r"\b(?:i (?:suggest|recommend|propose|think you should|think we should|'d suggest|'d "
     r"recommend)|my suggestion|one (?:option|thing you could|idea)|an option (?:is|would be)|"
     r"the best thing (?:would be|is|to do)|it (?:might|could|would|may) (?:help|be (?:good|"
     r"better|worth|a good idea))|(?:a )?good (?:first )?step|here's (?:what|an idea|the plan)"
     r"|here's how|the plan is|we could|we can (?:start|try|work|talk|get|arrange))\b", 0.65),
    ("request: I need you to",
     r"\bi (?:need|want|have|'ve got) to (?:hear|see|speak|talk)\b|\bbefore we (?:talk|go|do|"
     r"discuss|move)\b|\b(?:i need you to|i want you to|i'd like you to|i'm asking you to|"
     r"i'd ask you to|"
     r"please (?:put|send|let|come|step|take|drop|open|release|lower|stay|keep))\b", 0.6),
    ("imperative action",
     r"^(?:please |just |now |okay |so |and )?(?:put|send|let|come|walk|release|step|throw|open|"
     r"give|drop|lower|hand|ring|call|phone|text|try|take|sleep|eat|drink|write|talk to|speak "
     r"to|go to|go back|go home|ask|wait|stay|keep|unload|pick up|grab|sit|lie down|have a (?:sip|"
     r"drink|seat|rest|think|look|bite)|get some|think about)\b(?! (?:me|on|your time|"
     r"care|it easy|going|talking|telling|speaking)\b)", 0.5),
    ("conditional offer",
     r"\bif you (?:\w+ ){1,6}(?:then )?(?:i(?:'ll| can)|we(?:'ll| can))\b", 0.6),
    ("RU: suggestion", r"(?:почему бы (?:нам|тебе|вам) не|\bдавай(?:те)?\b|может(?:,)? (?:быть,? )?"
     r"(?:ты|вы|стоит)|попробуй(?:те)?|ты мог бы|вы могли бы|можешь ли ты)", 0.6),
)

INFORMATION = (
    ("procedure or situation fact",
     r"\b(?:what (?:will |is going to |'s going to )?happens? (?:next|now) is|the way (?:it|this)"
     r" works|the procedure is|usually|normally|it takes|takes (?:about |a few |several )?"
     r"(?:hours|days|minutes|weeks)|can be (?:appealed|treated|reversed|arranged|sorted|"
     r"challenged|reviewed)|you have the right|you're entitled|(?:is|are) on (?:its|the|their) "
     r"way|(?:will|'ll) (?:arrive|be there|be here)|i(?:'ve| have) (?:spoken|talked|checked|"
     r"asked|passed|been told|heard back|called)|i (?:spoke|talked|checked|asked|passed|called)"
     r"|i'm (?:still )?waiting (?:for|to hear)|my name's|my name is|i'm (?:a |the |with the )?"
     r"(?:negotiator|police|officer|detective|from)|i work (?:for|with)|(?:he|she|they|your \w+)"
     r"(?:'s|'re| is| are) (?:safe|okay|alive|in hospital|on the phone|here|fine|being "
     r"treated|stable))\b", 0.6),
    ("not my decision",
     r"\bit's not (?:up to me|my decision|my call)\b|\bi don't have the authority\b|"
     r"\b(?:has|have|'s|was|were) been (?:passed|sent|forwarded|handed|put|taken) (?:on|up|to|"
     r"through)\b|\bthat's not "
     r"(?:my|up to me)\b|\bi'm not (?:in a position|allowed|authori[sz]ed)\b", 0.65),
    ("honest limit or follow-up",
     r"\bi can't (?:promise|guarantee|make (?:promises|that))\b|\bi won't (?:lie|promise)\b|"
     r"\bi'm not (?:going to|able to|gonna) (?:lie|promise)\b|\bi don't (?:know|have the "
     r"authority|make (?:that|those) decisions?)\b|\bit's not (?:up to me|my decision|my call)"
     r"\b|\bi(?:'ll| will) (?:ask|check|find out|pass (?:that|it) on|see what|put (?:it|that) "
     r"to|talk to my|speak to|get back to you|call you back|try)\b", 0.55),
    ("health, law, money, logistics term",
     r"\b(?:ambulance|paramedics?|medics?|doctors?|hospital|nurse|pills?|tablets?|paracetamol|"
     r"overdose|liver|kidneys?|insulin|medication|medicine|dose|poison(?:ing)?|treatment|"
     r"antidote|blood|bleeding|lawyer|solicitor|attorney|court|judge|custody|appeal|charges?|"
     r"bail|sentence|warrant|the law|legal(?:ly)?|debts?|bank|loan|mortgage|benefits|"
     r"bankrupt(?:cy)?|insurance|payments?|rent|landlord|eviction|council|social services|"
     r"phone|power|electricity|food|water|delivery|press|media|cameras|news|journalists?|"
     r"reporters?|road|traffic|minutes?|hours?|o'clock|tomorrow|tonight|commander|supervisor|"
     r"boss|embassy|ministry|government|authorities|hotline|helpline|shelter|counsell?or|"
     r"therapist|priest|imam|fire brigade|generator|heating|blankets?)\b", 0.45),
    ("RU: fact term", r"(?:скорая|врач|больниц|таблет|адвокат|суд|минут|час|вода|еда|телефон)",
     0.45),
)
