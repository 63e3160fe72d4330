### review: machine-drafted

## Answers to questions people ask at any step. Each answer is short; the services
## follow it, then the same step again.

# The language of a typed message was another than the chat's: the bot answers in it.
language-switched = I will answer in English, as you wrote in English. To choose another language, type /language.

question-person = This chat is not a person. You can talk to a real person on the lines below. You do not have to say your name.
question-legal =
    In Sweden it is not a crime to sell sex. Buying sex is a crime: the buyer can be fined or sent to prison.
    You will not be punished for selling sex. You can ask for help without fear of that.
question-rape =
    What happened is not your fault.
    Call 112 or { -svc-vardguiden-1177 } now if it happened recently. Time matters for the care you can get.
question-health = { -svc-vardguiden-1177 } gives health advice day and night. Calls are written in your health record, so they are not anonymous.
question-shelter = If you have nowhere to sleep tonight, call the social services. At night and at weekends, the social services on call answer.
question-witness =
    If a child or anyone is in danger right now, call 112.
    Tell them where it is happening.
question-professional = Are you asking as a professional? The national method support against prostitution and trafficking gives advice to staff. If a child is at risk, make a report to the social services.
