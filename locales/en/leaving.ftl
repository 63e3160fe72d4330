### review: machine-drafted

## Help to leave: a safe house, debts, drugs and alcohol, a crisis at night

# Under every step that shows the municipality's own cards.
local-elsewhere = Live in another municipality? Call the social services where you live. At night, 112 can put you through to them in many municipalities.

selling-choice-crisis = Thoughts of suicide, or a crisis
selling-choice-debt = Someone says I owe them money
selling-choice-drugs = Alcohol or drugs
selling-choice-safehouse = A safe house, away from someone who controls me

selling-crisis =
    Thank you for telling me. You should not have to carry this alone.
    Could you hurt yourself right now? Call 112.
    { -svc-sjalvmordslinjen } answers day and night, by phone or chat. You do not have to say who you are. { -svc-vardguiden-1177 } gives health advice at any hour.
    For an adult in acute crisis, 112 can also send help out.

selling-debt =
    Does someone say you owe them money, for the journey, a room or "protection"? And do they use it to make you sell sex or work? It is not your fault.
    You can talk about it with { -svc-brottsofferjouren }. You do not need to report to the police first. You can also tell the police.
    For other debts, such as bills or loans, ask for the municipality's free budget and debt counselling.

selling-drugs =
    Do you drink or use drugs, and want to change that? You can ask for help.
    { -svc-droghjalpen } is a free line for people who use drugs and for people close to them. You do not have to say who you are.
    For alcohol there is { -svc-alkoholhjalpen }, also anonymous and free. Its number is not confirmed yet, so it is not shown here.
    You can also ask the social services for help with alcohol or drugs.

selling-safehouse =
    Do you need to get away from someone who controls you, to a protected place to live?
    A place is arranged through the social services (on call at night) or the police. You cannot book it yourself.
    { -svc-talita } has shelters for women in Stockholm. { -svc-noomi } is a shelter in Malmö for people from 18.
    { -svc-safe-havens } gives free advice to anyone who may be trafficked, whatever their papers.
    If you are in danger now, call 112.
