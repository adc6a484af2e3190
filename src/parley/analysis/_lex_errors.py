"""Cue patterns for the seven negotiation errors.

Each entry is ``(rule name, regex, confidence)`` on normalised text.
"""

from __future__ import annotations

_FORCE = (
    r"(?:snipers?|marksm[ae]n|swat|tactical (?:team|unit|officers)|assault (?:team|unit)|"
    r"special forces|armed (?:officers|police|units?|response|men)|riot police|spetsnaz|the "
    r"army|soldiers|troops|police dogs|tear gas|stun grenades?|battering ram|entry team|"
    r"officers with (?:guns|rifles)|rifles?)"
)

THREAT = (
    ("ultimatum 'or ...'",
     r"\bor (?:else|we(?:'ll| will|'re| are)? (?:come|coming|go|going|send|force|take|break)|"
     r"i(?:'ll| will) (?:come|send|have|make)|they(?:'ll| will)|you(?:'ll| will)? (?:die|regret|"
     r"get hurt|go down|be shot))\b", 0.85),
    ("ultimatum, consequence implied",
     r"\bor (?:this|it|things|you)\b.*\b(?:badly|worse|end|hurt|regret|die|over|ugly)\b|"
     r"\b(?:want|wanna) to find out\b|\ba bullet\b|\bwhat happens if you don't\b", 0.8),
    ("force in position, warning",
     r"\b(?:team|men|officers|units?|guys) (?:on the roof|outside your|at (?:the|your) door|in "
     r"position|in the corridor|at the back|around the)\b|\bdon't do anything (?:stupid|silly|"
     r"daft)\b|\b(?:except|unless|other than) in (?:cuffs|handcuffs|a body bag)\b|\bin (?:a body "
     r"bag|handcuffs|cuffs)\b|\byou're not (?:leaving|walking out)\b|\bout of my hands\b|"
     r"\byou(?:'ve| have)(?: got)? (?:till|until|untill) \w+", 0.75),
    ("force announced",
     r"\b(?:we're|we|they're|they|i'm|we'll|they'll|i'll)(?: going to| gonna| will)? (?:come in|"
     r"coming in|storm|break (?:down|in|the door)|take you (?:down|out)|shoot|force (?:our way|"
     r"the door|you)|send (?:in|the team)|use force|kick (?:in|the door)|smoke you|gas you|"
     r"blow)\b", 0.85),
    ("harm to the subject foretold",
     r"\byou(?:'ll|'re going to|'re gonna| will) (?:die|get (?:hurt|shot|killed)|be (?:shot|"
     r"killed|hurt|dead|sorry|locked up|going down)|regret|pay for|go down|end up (?:dead|in|"
     r"shot)|never see|rot|spend the rest|not (?:walk|get) out|not survive)\b", 0.8),
    ("deadline or last chance",
     r"\b(?:you(?:'ve| have)(?: got)?|i'll give you|there's) (?:\d+|one|two|three|five|ten|"
     r"fifteen|twenty|thirty|sixty) (?:more )?(?:minutes|seconds|hours)\b|\blast (?:chance|"
     r"warning)\b|\btime(?:'s| is) (?:running )?(?:out|up)\b|\bthis is your (?:final|last)\b|"
     r"\bfinal (?:warning|offer)\b", 0.8),
    ("force stated as fact, in position",
     r"\b" + _FORCE + r"\b.*\b(?:outside|surround|in position|ready|sights?|waiting|everywhere"
     r"|around|on the roof|at the door|aimed|trained on|can see you|have you|got you|on you)\b|"
     r"\b(?:surrounded|outside|in position|waiting)\b.*\b" + _FORCE + r"\b", 0.85),
    ("force mentioned", r"\b" + _FORCE + r"\b", 0.35),
    ("no way out",
     r"\b(?:surrounded|in (?:our|their|his) sights?|(?:have|got) (?:a )?(?:clear )?(?:shot|line "
     r"of sight|eyes on you)|nowhere to (?:go|run|hide)|no way out|no escape|can't escape|"
     r"(?:it's|this is) over for you|you're (?:finished|done for|not getting out|going down))\b",
     0.8),
    ("threat as a question",
     r"\b(?:do you|you) (?:want|need) (?:us|me|them|the police|the team|my men) to (?:come|go|"
     r"break|storm|force|end|make|do)\b|\b(?:you )?know what (?:happens|will happen|we(?:'ll| "
     r"will) do|they(?:'ll| will) do|comes next) (?:if|when|to)\b|\byou don't want (?:to find "
     r"out|us to|me to|them to)\b|\bdon't make me\b|\bdon't (?:test|push) me\b|\bwhat do you "
     r"think (?:will happen|happens|we'll do) (?:if|when) you (?:hurt|harm|touch|kill|shoot|"
     r"don't)\b|\bis that what you want\b", 0.85),
    ("harm or prison put as a question",
     r"\b(?:do|did) you (?:know|realise|realize|understand|have any idea) (?:how (?:many|much|"
     r"long)|what)\b[^?]*\b(?:years?|prison|jail|inside|sentence|charged?|go away)\b|"
     r"(?:^|[.!?]\s*)(?:so,? |then,? )?do you (?:really )?(?:want|wanna) to die\b|"
     r"\b(?:spend|rot) (?:the rest of your life|your life|years) (?:inside|in (?:prison|jail|"
     r"a cell))\b|\bhow long do you think you(?:'ll| will| can)? (?:last|hold out|survive)\b",
     0.8),
    # A police command or surrender procedure carries force (coding manual, threat); a bare
    # order, however urgent ("Drop the knife. Now.", "You need to untie him right now."),
    # is a request: problem_solving.
    ("police command",
     r"^(?:(?:sir|madam|mate|listen|okay|now),? )*(?:put|drop|throw|lower) (?:the|that|your) "
     r"(?:weapon|gun|knife|rifle|shotgun|pistol|blade)\b.*\b(?:hands|ground|floor)\b|"
     r"^(?:(?:sir|madam|mate|listen|okay|now),? )*(?:come|step|walk|get) (?:out|down|back|over)"
     r"\b.*\bhands (?:up|raised|on your head|in the air|where (?:we|i) can see)\b|"
     r"^(?:(?:sir|madam|mate|now),? )*(?:hands up|get down on the (?:ground|floor))\b|"
     r"\b(?:this is the police|armed police)\b.*\b(?:now|immediately)\b", 0.75),
    ("do X and harm follows",
     r"^(?:(?:\w+,? ){0,2})?(?:you )?(?:hurt|harm|touch|shoot|kill|move|fire) (?:\w+ ){0,6}and "
     r"(?:we(?:'ll| will)?|they(?:'ll| will)?|you(?:'ll| will)|the \w+(?: out here)?|that's|every|"
     r"ur|your)\b", 0.8),
    ("it will get worse",
     r"\bthe longer\b.*\bworse\b|\b(?:things|it) (?:will|'ll|is going to) get (?:a lot |much )?"
     r"worse\b|\bconsequences\b", 0.7),
    ("RU: threat", r"(?:\bиначе\b|снайпер|окружен|штурм|мы (?:войд[её]м|зайд[её]м)|последн(?:ий|ее)"
     r" (?:шанс|предупреждение)|пожалеешь|у тебя (?:есть )?\d+ минут)", 0.8),
)
# A conditional with a hostile act, then a consequence: "if you hurt her, we come in".
THREAT_IF = r"\bif (?:you|anyone|she|he) (?:don't|won't|refuse|hurt|harm|touch|kill|shoot|fire|"
THREAT_IF += r"lay a|so much as|try|move)\b"
# An urgent order in a turn that speaks as the police ("This is the police. I need you to
# open the door immediately.") is a police command: force behind it.
POLICE_VOICE = r"\b(?:this is the police|armed police|police officers?,)\b"
URGENT_ORDER = (r"\b(?:i need you to|you need to|you have to|you will|i'm ordering you to|i'm "
                r"telling you to)\b.*\b(?:now|right now|immediately|this (?:instant|minute|"
                r"second))\b")
# Force words turn into a threat when the turn ties them to a condition on the subject.
FORCE_WORD = r"\b" + _FORCE + r"\b"
FORCE_CONDITION = r"\bif\b|\bor else\b|\b(?:the moment|the second|as soon as) (?:you|anyone|one)\b"
THREAT_THEN = (
    r"\b(?:come in|coming in|storm|shoot|force|pay|regret|die|consequences|arrest|prison|take "
    r"action|move in|go in|over|end this|nothing i can do|can't protect)\b"
)

ARGUING = (
    ("contradiction",
     r"\b(?:(?:that's|it's|this is)(?: just| simply)? not|(?:that|it|this) (?:just |simply )?"
     r"isn't) (?:true|right|correct|how (?:it|this|things) (?:works|work|happened|is)|what "
     r"happened|the case|the point|an excuse|a reason)\b", 0.75),
    ("you're wrong",
     r"\byou're (?:wrong|mistaken|lying|not (?:right|being honest|telling the truth|"
     r"listening))\b|\byou've got it wrong\b|\bthat's (?:wrong|a lie|false|untrue)\b", 0.8),
    ("dismissing the logic",
     r"\b(?:that|this|it) doesn't make (?:any )?sense\b|\bthat's (?:ridiculous|nonsense|rubbish|"
     r"absurd|not logical|bullshit|crazy talk|silly)\b|\bmakes no sense\b", 0.75),
    ("but you chose",
     r"\bbut you (?:chose|decided|did|knew|said|agreed|were|had|could have|brought|went|took)\b"
     r"|\byou (?:chose|decided) to\b(?! (?:talk|call|pick up|stay|keep|answer))", 0.7),
    ("challenge",
     r"^(?:oh )?come on\b|^seriously\b|\bi don't (?:believe|buy) (?:that|it|you)\b|\byou don't "
     r"(?:really )?mean that\b|\byou can't (?:really )?(?:believe|think|mean)\b|\bthat's not "
     r"what (?:happened|you said|she said|he said|you told me)\b|\bthat's not fair to\b", 0.65),
    ("no + correction",
     r"^no,? (?:he|she|they|it|that|you)(?:'s|'re| did| didn't| does| doesn't| wasn't| isn't| "
     r"aren't| weren't| can| can't| won't| do| don't)\b|\bactually,? (?:he|she|they|it|you|that)"
     r"\b", 0.6),
    ("RU: arguing", r"(?:это (?:не )?неправда|это не так|ты не прав|вы не правы|ерунда|чушь|"
     r"ты ошибаешься|вы ошибаетесь)", 0.75),
)

WHY = (
    ("accusatory why",
     r"^(?:\w+,? )?(?:but |and |so )?why\b(?! (?:don't (?:we|you|i)|not)\b)", 0.8),
    ("why inside the turn",
     r"\bwhy (?:would|did|do|are|were|on earth|the hell|in god's name|did you|would you|are "
     r"you|is it that you)\b|\bhow come you\b", 0.75),
    ("tell me why", r"\b(?:tell me|explain|i want to know|i'd like to know) why\b", 0.55),
    ("RU: why", r"(?:почему|зачем)\b(?! бы)", 0.75),
)

JUDGING = (
    ("what kind of person",
     r"\bwhat (?:kind|sort) of (?:a )?(?:father|mother|man|person|parent|husband|wife|son|"
     r"daughter|monster|coward|animal|human being|sick|grown man|idiot)\b", 0.85),
    ("shame",
     r"\b(?:should be|ought to be|aren't you|have you no|you've no) (?:\w+ )?(?:ashamed|"
     r"embarrassed|shame)\b|\bshame on you\b|\bno shame\b", 0.85),
    ("insult or moral label",
     r"\b(?:that's|you're|this is|it's|how|so|being|what a|such a|you|you're just|you're being)"
     r" (?:so |really |pretty |just |incredibly |totally |completely |a |an |nothing but |such "
     r"a )*(?:selfish|stupid|pathetic|disgusting|cowardly|irresponsible|sick|evil|insane|"
     r"idiotic|idiot|coward|monster|disgrace|childish|immature|shameful|despicable|cruel|"
     r"heartless|criminal|animal|psycho|nutcase|lunatic|loser|bully|scum|thug|spineless|"
     r"gutless|vile|liar|failure|joke|murderer|terrorist|fanatic|savage)\b"
     r"(?! (?:of|and tired|to death|with worry)\b)", 0.8),
    ("moral verdict",
     r"\b(?:that's|it's|this is) (?:just |so |plain |simply |morally |completely )wrong\b|\bthat's"
     r" (?:sick|evil|disgusting)\b", 0.7),
    ("a real man would not",
     r"\ba (?:real|proper|decent|good) (?:man|father|dad|mother|mum|person|parent|soldier|"
     r"believer) (?:would(?:n't)?|does(?:n't)?|never|wouldn't)\b|\bhid(?:e|ing) behind (?:a|"
     r"your|the|those|these|women|children|kids)\b", 0.8),
    ("bare insult", r"^(?:\w+ )?(?:selfish|pathetic|disgusting|cowardly|coward|despicable|"
     r"shameful|sick|evil|monster|animal|scum|idiot)\b(?! (?:of|and tired|with)\b)", 0.7),
    ("how could you",
     r"\bhow could you\b|\bwhat (?:the hell |on earth )?were you thinking\b|\bwhat's wrong "
     r"with you\b|\bhow dare you\b", 0.8),
    ("blame",
     r"\b(?:it's|this is|that's) (?:all )?(?:your|his|her) (?:own )?fault\b|\byou (?:brought|"
     r"did) this (?:on|to) yourself\b|\byou(?:'ve)? only (?:got|have) yourself to blame\b|"
     r"\byou (?:should|ought to) have (?:known|thought|been)\b|\byou (?:should|ought to) know "
     r"better\b|\byou (?:never|always|only) (?:think|thought|care|cared) (?:about|of) "
     r"(?:yourself|anyone|no one)\b|\byou don't care about (?:anyone|your|them|her|him)\b", 0.8),
    ("scolding",
     r"\b(?:grow up|man up|act (?:like )?(?:a man|an adult|your age)|get a grip|pull yourself "
     r"together|shut up|you people|stop (?:being|acting like) (?:a )?(?:child|baby|selfish|"
     r"stupid))\b", 0.75),
    ("moralising about family",
     r"\bthink (?:about|of) (?:what you're doing to )?(?:your|the) (?:kids|children|family|"
     r"mother|wife|daughter|son|victims)\b|\bwhat about (?:your|the) (?:kids|children|family|"
     r"victims|hostages)\b", 0.5),
    ("RU: judging", r"(?:как (?:тебе|вам) не стыдно|постыд|позор|эгоист|трус|идиот|какой (?:же )?"
     r"ты (?:отец|мужчина|человек)|сам(?:а)? виноват)", 0.8),
)

MINIMIZING = (
    ("denying the feeling", r"\byou (?:don't|dont|do not) (?:really )?mean (?:that|it)\b", 0.8),
    ("calm down", r"\b(?:calm down|relax|chill(?: out)?|settle down|cool it|simmer down|calm "
     r"yourself)\b", 0.85),
    ("not that bad",
     r"\b(?:it's|this is|that's|things are|it isn't|this isn't) (?:really )?(?:not )?(?:that|so|"
     r"as|really that) (?:bad|serious|terrible|awful|big)\b|\bnot (?:such )?a big deal\b|\bno "
     r"big deal\b|\bnot the end of the world\b|\bcould (?:always )?be (?:a lot |much |so much )?"
     r"worse\b|\bthere are worse things\b|\bworse things happen\b", 0.85),
    ("overreacting",
     r"\byou're (?:just )?(?:overreacting|being (?:dramatic|silly|paranoid|hysterical|"
     r"emotional|ridiculous|over the top))\b|\bdon't (?:be|get) (?:so )?(?:upset|worked up|"
     r"dramatic|silly|emotional|angry|hysterical|excited)\b|\bno need to (?:get|be) (?:so )?"
     r"(?:upset|angry|worked up|dramatic)\b|\bstop (?:overreacting|crying|being (?:so )?"
     r"(?:dramatic|emotional))\b|\bblowing (?:this|it) out of proportion\b", 0.85),
    ("it happens to everyone",
     r"\b(?:lots of|plenty of|loads of|many|a lot of|everyone|everybody|all of us|people) "
     r"(?:people )?(?:lose|go through|get|gets|went through|lost|deal with|split up|get "
     r"divorced|get fired|break up)\b|\bhappens (?:to everyone|all the time|to the best)\b", 0.7),
    ("everyone has it",
     r"\b(?:everyone|everybody|we all|all of us) (?:has|have|gets|goes through|feels) (?!been\b)"
     r"(?:\w+ )?(?:debts?|problems|bad days|rows|arguments|fights|troubles|ups and downs|that|"
     r"it|stress|break-?ups)\b", 0.65),
    ("brushing it off",
     r"\b(?:you'll get over it|get over it|you'll (?:be fine|find another|find someone)|"
     r"(?:look|looking) on the bright side|cheer up|it's nothing|plenty more fish|you're young|"
     r"it's (?:only|just) (?:a |money|stuff|a job|a car|a girl|a woman|a man|things|one)|at "
     r"least (?:you|it|nobody|no one|you've|you still|he|she|they))\b", 0.7),
    ("shrinking the emotion",
     r"\b(?:just|only) (?:a (?:bit|little) |a tad |slightly )?(?:upset|stressed|tired|emotional|"
     r"worked up|angry|down|annoyed)\b|\b(?:a (?:bit|little)|slightly) (?:upset|stressed|"
     r"worked up|annoyed|emotional|down)\b|\bdon't worry about (?:it|that)\b", 0.6),
    ("RU: minimizing", r"(?:успокойся|успокойтесь|не (?:переживай|переживайте|волнуйся|"
     r"волнуйтесь|нервничай|драматизируй)|ничего страшного|не так (?:уж )?(?:плохо|страшно)|"
     r"бывает и хуже|не конец света|расслабься)", 0.85),
)

PROMISE_WORD = r"\bi (?:promise|guarantee|swear|give you my word|assure you)\b|\byou have my word\b"
PROMISE_NEGATED = r"\bi (?:can't|cannot|won't|will not|'m not going to|am not going to|don't) "
PROMISE_NEGATED += r"(?:promise|guarantee|swear|make (?:any )?promises)"
PROMISE_HONEST = (
    r"\b(?:i(?:'ll| will) (?:ask|try|call|check|tell|be honest|pass|stay|listen|not lie|get "
    r"back|keep|do my best|do everything|be here|be straight|put it|speak|talk)|i'm not|i "
    r"won't (?:lie|hang up|leave|trick)|to be honest|i'll always)\b"
)
PROMISE_SWEEPING = (
    r"\b(?:nothing|no one|nobody|you won't|you'll|you will|everything|we'll|it'll|they won't|"
    r"they'll|no harm|no charges|you can|your)\b"
)

FALSE_PROMISE = (
    ("no legal consequences",
     r"\byou (?:won't|'re not going to|aren't going to) (?:be |get )?(?:charged|arrested|"
     r"prosecuted|punished|in (?:any )?trouble|go to (?:prison|jail)|face (?:any )?charges|do "
     r"(?:any )?time|locked up|blamed)\b|\bno(?: one| body|body)(?:'s| is| will)(?: going to)? "
     r"(?:arrest|charge|prosecute|punish|press charges|blame)\b|\bnothing(?:'s| is| will)(?: "
     r"going to)? happen to you\b|\b(?:all|the|any) charges (?:will be |are |get )?dropped\b|"
     r"\bno charges\b|\ba free man\b|\bcharges (?:go|will go|'ll go|disappear) away\b|"
     r"\bmake (?:sure|it so) (?:the charges|you don't|nobody|no one)\b|"
     r"\bimmunity\b|\byou(?:'ll| will) (?:walk|go) (?:free|away)\b|\bwe(?:'ll| "
     r"will)(?: just)? let you (?:go|walk|leave)\b|\bnobody needs to know\b|\bno one will "
     r"(?:ever )?know\b|\bit'll (?:all )?be (?:forgotten|forgiven)\b", 0.8),
    ("concession granted",
     r"\byou(?:'ll| will|'re going to)? (?:get|have|can have|'ll have) (?:the |your |a |that "
     r"|safe |free )?(?:helicopter|car|plane|jet|bus|money|ransom|cash|\w* ?million|passage|"
     r"boat|getaway|vehicle|flight|pardon)\b|\b(?:i'll|we'll|i can|we can|they'll) (?:get|give|"
     r"bring|arrange|do) (?:you )?(?:whatever|anything|everything) you (?:want|need|ask)\b|"
     r"\b(?:your|all (?:of )?your|the) demands (?:will|are going to|'ll) be met\b|\bwe(?:'ll| "
     r"will| are going to|'re going to) (?:meet|agree to|accept|grant) (?:all )?(?:of )?"
     r"(?:your|the|those) demands\b|\bdone deal\b|\bit's a deal\b|\bconsider it done\b|"
     r"\b(?:they'll|we'll|i'll) (?:release|free|let go) (?:your|the|all)\b", 0.8),
    ("assurance about what others decide",
     r"\b(?:i'm (?:sure|certain|confident|positive)|i know|definitely|certainly|guaranteed|i "
     r"bet|trust me|believe me|of course)\b,? (?:that )?(?:the |your |his |her )?(?:judge|court|"
     r"magistrate|jury|prosecutor|prosecution|cps|da|charges|sentence|employer|boss|company|"
     r"bank|council|landlord|social services|custody|tribunal|parole board|board|government|"
     r"minister|ministry|immigration|home office)\b(?:'ll| will|'d| would|'re going to| is going "
     r"to| are going to|'ll be| can| could)\b(?! (?:decide|need|want|ask|look for|have to|"
     r"make (?:that|the) decision)\b)|\b(?:i'm (?:sure|certain|confident|positive)|i know|"
     r"definitely|trust me|believe me)\b,? (?:that )?(?:they|she|he)(?:'ll| will|'d| would) (?:let "
     r"you|give you|drop|understand|forgive|go easy|take you back|reconsider|be lenient)\b", 0.7),
    ("third party will go easy",
     r"\b(?:the |your )?(?:judge|court|magistrate|jury|prosecutor|cps|employer|boss|company|"
     r"bank|council|landlord|tribunal|parole board)(?:'ll| will| would|'d| is going to) (?:go "
     r"easy|look at it again|reconsider|drop|be lenient|understand|let you|give you|take you "
     r"back|forgive|overturn|reverse|see (?:it|things) your way|be fine|sort it|wipe)\b|\byou(?:'ll"
     r"| will)(?: definitely| still)? (?:get|keep) (?:custody|your (?:job|kids|children|house|home|"
     r"flat|licence|pension) back|your (?:job|kids|children|house|home))\b|\b(?:job|kids|house)'s "
     r"(?:yours|urs)\b", 0.7),
    ("easy yes to a demand", r"\bno problem\b|\bof course,? (?:you can|you'll)\b", 0.5),
    ("RU: false promise", r"(?:обещаю|гарантирую|клянусь|тебе ничего не будет|никто (?:тебя )?не"
     r" (?:арестует|тронет|посадит)|вертол[её]т (?:будет|получишь))", 0.8),
)

REFUSAL = (
    r"^(?:(?:look|listen|sorry|well|i'm sorry|no|yeah|okay|ok|mate),? )*"
    r"(?:no+|nope|nah|no way|never|not a chance|no "
    r"chance|absolutely not|definitely not|certainly not|no deal|forget (?:it|about it)|not "
    r"happening|(?:that's|this is|it's) (?:not|never) (?:going to |gonna )?happen(?:ing)?|"
    r"(?:that|it|this)(?: just)? (?:won't|isn't going to|ain't going to|is never going to|'s "
    r"never going to) happen|(?:that's|it's) (?:out of the question|impossible|not an option|"
    r"not possible|off the table|not on the table)|out of the question|(?:we|i) (?:don't|"
    r"won't|can't) (?:negotiate|do that|do it|allow that|give you that|agree to that)(?: with "
    r"\w+)?|you're not getting (?:a|the|any|that|it|your) ?\w*|"
    r"you won't get (?:it|that|a \w+|the \w+)|there's no (?:way|chance)|the answer is no|"
    r"no means no|not going to happen|(?:and )?that's final|end of "
    r"(?:story|discussion)|нет|ни за что|исключено|не будет этого|этого не будет|забудь(?:те)?"
    r"(?: об этом)?)[\s.!…]*$"
)
GRANTED = (
    r"\b(?:on (?:its|the|their|his|her) way|it's yours|you'll have (?:it|them|that|your)|you can "
    r"have (?:it|them|that)|(?:it's|that's|they're) (?:being )?(?:arranged|sorted|coming|done)|"
    r"consider it done|you got it|we'll (?:get|bring|send) (?:it|that|them|you)|"
    r"(?:it's|they're) (?:ready|fuelled|waiting for you))\b"
)
REFUSAL_ALTERNATIVE = r"\b(?:but|what i can|instead|how about|let me|i'll|we can|maybe|what if)\b"
