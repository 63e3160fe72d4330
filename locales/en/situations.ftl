### review: machine-drafted

## Under 18

menu-choice-young = I am under 18
selling-choice-young = I am under 18
young-start =
    You are under 18. Whatever has happened, it is not your fault.
    { -svc-bris } is there for children and young people. You can call, chat or write. It is free, and you do not have to say your name.
    Girls and young women can also chat with { -svc-tjejzonen }, without saying who they are.
    If you are in danger now, call 112.
young-choice-social = What do the social services do?
young-social =
    The social services can help a child to be safe.
    When they learn that a child is at risk, they must act. So they cannot keep it secret.
    They are there to protect you, not to punish you. You can talk to { -svc-bris } first and ask what will happen.
young-choice-bris = Back to { -svc-bris }

## Is this phone safe?

selling-phone = Is this phone safe to use? Could someone else look at it?
selling-choice-phone-unsafe = Someone may look at it
selling-choice-phone-safe = Only I use it
selling-device =
    Three things to know:
    • A call to { -svc-kvinnofridslinjen } does not show on the phone bill. But every call shows in the phone's call list. Delete it there after the call.
    • Messages from this chat can show on the lock screen. To hide them, turn off message previews: in the phone's settings under Notifications, or in Telegram under Settings, Notifications and Sounds.
    • Press Exit to delete the messages here. Then remove the chat itself: on Android, press and hold the chat and choose Delete (a swipe to the left only archives it). On iPhone, swipe the chat to the left and choose Delete.
selling-choice-device-done = Next: where to get help

## Health after a sexual assault

selling-choice-assault = After a rape or sexual assault
selling-assault =
    If it happened recently, call 112 or { -svc-vardguiden-1177 } now. Time matters for the care you can get.
    There is no special clinic after sexual violence in Östergötland: 112 and 1177 are the way in. { -svc-novahuset } in Linköping gives support, and you can stay anonymous there.
    What happened is not your fault.

## Work, pay and documents

selling-choice-work = My boss keeps my passport or my pay
selling-work =
    Your passport and your ID are yours. Taking someone's passport can be a crime.
    You can tell the police. { -svc-brottsofferjouren } supports people who are hurt by crime. You do not need to report to the police first.
    The social services can help you with the next step.

## Violence at home or from a partner

relatives-choice-violence = Someone hurts them at home or in a couple
relatives-violence =
    Violence at home or in a couple is never the fault of the person who is hurt.
    { -role-local-violence-support } helps people who are hurt by it and people who use it. { -svc-kvinnofridslinjen } also takes calls from relatives.
    Someone who uses violence and wants to stop can call { -svc-valj-att-sluta }.
