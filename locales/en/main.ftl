### review: machine-drafted

## The command menu next to the text field

command-sos = Emergency help, 112
command-exit = Exit and delete this conversation
command-start = Start again
command-language = Change language
command-privacy = What is stored and what is not
command-help = Help

## Buttons and notices the bot itself shows

button-emergency = 🆘 Emergency 112
button-exit = ✖ Exit and delete
button-language = 🌐 Language
button-privacy = 🔒 Privacy
button-restart = ↩ Start again
language-name = English
language-prompt = Choose a language:

emergency-text =
    If you or someone else is in danger right now, call 112.
    It answers day and night. Say what is happening and where you are.

exit-done =
    I deleted the messages in this chat that I could: yours and mine, up to 48 hours old. My saved record of this conversation can no longer be read.
    Older messages are still there: delete them yourself if there are any.

    Last step: remove this chat from your chat list. On Android, press and hold the chat and choose Delete (a swipe to the left only archives it). On iPhone, swipe the chat to the left and choose Delete. On a computer, right-click it and choose Delete chat.

privacy-text =
    What this bot keeps:
    • no name, no phone number and nothing you type;
    • where you are in the conversation, your language and the time of your last message, to 10 minutes. Also the numbers of a few messages, so that Exit can delete them. All of it is locked with a key made only for this conversation, under a code instead of your Telegram account. After some hours without activity, the key is destroyed and everything is deleted;
    • counts per day of how often each step, service and command is used, without anyone's identity. Small numbers are never written.

    What Exit does: it deletes the messages in this chat that Telegram lets the bot delete, yours and the bot's, up to 48 hours old. At the same moment, the bot's saved record of this conversation becomes impossible to read.
    What stays: older messages, and the chat itself in your chat list. You can delete them yourself. Locked copies may stay on the server's disk until they are overwritten, but nobody can read them.
    Your messages are read to understand them and then forgotten.

help-text =
    I am a bot, not a person. I show you where to get help. You never need to tell me who you are.
    Press ↩ Start again to see the choices.
    In danger now? Call 112, or press 🆘 Emergency 112.
    Want to talk to someone now? { -svc-kvinnofridslinjen } (for women, and people close to them) and { -svc-sjalvmordslinjen } (if you think about taking your life) answer day and night. You find them after ↩ Start again.

stale-menu = That button is from an earlier message. Here is where you are now.
step-gone = This conversation has been updated since your last message. You can go on from here.
flow-error = Something went wrong here, so I am taking you back to the start.
not-understood = Sorry, I did not understand. Please use the buttons, or type /help.
personal-data-notice = You do not need to share phone numbers, e-mail addresses, ID numbers or addresses here. That message has been deleted.
unsupported-message = I can only read text and buttons. Please do not send pictures, voice messages, files or your location.
slow-down = You are writing faster than I can answer, so I am setting some of your messages aside for a moment. Wait a little, then write again or use the buttons. Quick exit and emergency help always work.

## How a service is shown

signpost-open-always = Open day and night.
signpost-open-now = Open now, until { $closes }.
signpost-closed =
    Closed now. Opens { $today ->
        [yes] today
       *[no] on { $weekday ->
            [mon] Monday
            [tue] Tuesday
            [wed] Wednesday
            [thu] Thursday
            [fri] Friday
            [sat] Saturday
           *[sun] Sunday
        }
    } at { $opens }.
signpost-hours-unknown = Exact opening hours are not listed here.
signpost-meanwhile = If it is urgent, call 112.
signpost-interpreters = Interpreters available
anonymity-anonymous = You can stay anonymous.
anonymity-confidential = Not anonymous: you may be asked who you are.
anonymity-public-record = Can become a public record that others may ask to read.
cost-free = Free of charge
cost-paid = There may be a fee
contact-phone = Phone: { $value }
contact-web = Web: { $value }
contact-email = E-mail: { $value }
contact-chat = Chat: { $value }
contact-visit = Visit: { $value }

## Main menu

menu-welcome =
    Hi. Here you can find out where to get help about selling or buying sex, exploitation or human trafficking.
    I am a bot, not a person. You do not need to tell me who you are.
    The Emergency button is always there, and Exit deletes this conversation.
menu-question = What fits you best?
menu-choice-selling = I sell sex or am being exploited
menu-choice-buyer = I buy sex and want to stop
menu-choice-relative = I am worried about someone
menu-choice-report = I want to report something
choice-back-to-menu = ↩ Back to the start

## Selling sex or being exploited

selling-safety = First: are you in danger right now?
selling-choice-danger = Yes, I am in danger
selling-choice-safe = No, not right now
selling-danger =
    Call 112 now if you can. Tell them where you are.
    If someone may look at your phone, press Exit afterwards to delete this conversation.
selling-choice-safe-now = I am safe now: show me other help
selling-needs =
    What would help you most? Choose one; you can come back and choose another.
    Many places let you ask for help without saying who you are.
selling-choice-talk = Someone to talk to
selling-choice-health = Health care
selling-choice-sleep = A safe place tonight
selling-choice-money = Money to live on
selling-choice-leave = Support to stop selling sex
selling-choice-status = Worried about papers or being sent away
selling-choice-other-need = Something else I need
selling-talk =
    There is no national line only for people who sell sex, and none only for LGBTQ people who do. These lines are free and anonymous: one for women, one for men and one for trans people. The lines for men and for trans people are for people from 18.
    The cards show when each one is open.
selling-health =
    { -svc-vardguiden-1177 } gives health-care advice by phone, day and night. They can tell you where to go, for example for a test, a pregnancy or an injury.
    If it is urgent, call 112.
selling-sleep =
    Need a safe place tonight? The social services can help.
    Outside office hours, call the on-call social services. If you are in danger, call 112.
    { -svc-kvinnofridslinjen } answers women day and night and can help you think about what to do.
selling-money = You can ask the social services for money for food and rent. They first look at your income and your situation. For people without a residence permit, or from another EU country, it is often only help in an emergency.
selling-leave =
    You decide when and how. Ask the social services what they can offer you, for example someone to talk to, care, housing, or help with money and debts. They are the way in. There is no special programme for work or studies yet.
    { -svc-talita } has a programme for women who want to leave, with housing in Stockholm. Men and trans people can get support at its clinic in Stockholm, without housing.
    { -svc-safe-havens } gives free legal and social advice to anyone who may be trafficked. It is in Stockholm, and a team travels to the rest of Sweden.
selling-status =
    Afraid of being sent out of Sweden? Perhaps someone brought you here, or keeps you here, to make money from you. That can be human trafficking.
    If you have no permit to be in Sweden, you can get a permit to stay for 30 days. It is called betänketid. It gives you time to recover, and to decide whether you want to help a police investigation.
    The social services can apply for it for you. No police investigation needs to have started. Outside office hours, call the on-call social services.

## Buying sex and wanting to stop

buyer-intro =
    Good that you are here. You are not the only one who wants to stop, and help exists.
    Nobody here asks who you are. What would you like to know?
buyer-choice-where = Where can I get help?
buyer-choice-what = What is treatment?
buyer-choice-call = What happens if I get in touch?
buyer-treatment =
    Treatment means talking with someone trained in this. Together you look at what leads you to buy sex and how to stop.
buyer-call =
    When you get in touch, you can first ask whether you need to give your name, and whether anything you say is passed on.
    Their job is to help you stop.
buyer-where =
    Start with the social services where you live. You can first ask whether you need to say who you are.
    I have found no treatment for people who buy sex in Östergötland. It exists in other places, but they may only help people who live in their area.
    { -svc-preventell } is a national line for people who worry about their own sexual behaviour. Its number is not confirmed yet, so it is not shown here.

## Relatives, friends, colleagues and professionals

relatives-intro = Thank you for caring. What fits you?
relatives-choice-close = Someone close may be exploited
relatives-choice-work = I meet this in my work
relatives-choice-buyer = Someone close to me buys sex
relatives-choice-signs = Signs to look for
relatives-choice-help = How can I help safely?
relatives-choice-report = I want to report
relatives-choice-kast = Where can they get help?
relatives-worried = It is hard to be worried about someone. What would you like to know?
relatives-signs =
    Signs that someone may be exploited. One sign alone proves nothing.
    • Someone else controls their phone, money, passport or ID.
    • They owe a debt they cannot explain, or work to pay it off.
    • They do not know their own address, or move often.
    • They seem afraid, watched or cut off from others.
    • They have money, gifts or a phone they cannot explain.
    • A young person has a much older partner, or new contacts who give them things.
relatives-help =
    How to help without putting anyone at risk:
    • Listen, do not judge, and let them decide.
    • Do not confront anyone you think is exploiting them.
    • Do not post about it online.
    • Quietly pass on a number that fits them.
    • If someone is in danger now, call 112. If a child is involved, tell the social services.
    { -svc-kvinnofridslinjen } also takes calls from relatives. You can call them yourself for advice.
relatives-professional =
    The national method support team (NMT) gives advice to professionals who meet prostitution or human trafficking. They may work in social services, health care, schools or housing, for example.
    You do not need to name anyone to get advice. They answer on weekdays, during office hours.
relatives-buyer =
    It can be hard to learn that someone close to you buys sex. You can get support for yourself from the social services.
    The person can get help to stop. Press the button below to see where.

## Reporting

report-intro = What would you like to report?
report-choice-danger = Someone is in danger now
report-choice-child = A child is being exploited
report-choice-police = Tell the police (not urgent)
report-choice-anonymity = How anonymous is it?
report-choice-other = Something else to report
report-emergency = Call 112. Say what is happening and where. It answers day and night.
report-child =
    A child is anyone under 18. If the child is in danger now, call 112.
    Otherwise, tell the social services. This is called a concern report (orosanmälan). Outside office hours, call the on-call social services.
    You can also report sexual exploitation of children with the web form of { -svc-ecpat-hotline }. You can report there without giving your name.
report-police =
    For something that is not urgent, call the police or use the tip form on their web site.
    Be aware: a tip sent through the police web form becomes a public record (allmän handling) that others can ask to read. Leave out anything you do not want others to see, such as your name.
report-anonymity =
    How anonymous is each way?
    • 112: for emergencies. You will be asked where you are, so that help can come.
    • Police web tip: encrypted on the way, but it becomes a public record that others can ask to read.
    • { -svc-ecpat-hotline }: you can report without giving your name.
    • { -svc-kvinnofridslinjen } (support, not reporting): anonymous, free, not shown on the phone bill.

