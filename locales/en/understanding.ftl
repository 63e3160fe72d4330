### review: machine-drafted

## Understanding what people type: answers to typed words

understanding-distress =
    It sounds like you may be afraid or in danger. You are not alone, and it is not your fault.
    If you are in danger right now, call 112. It answers day and night.
    The lines below also answer day and night.
understanding-did-you-mean = Did you mean one of these? Tap the one that fits. If none fits, choose in the menu above or write it in other words.
understanding-not-understood =
    Sorry, I did not understand. Please use the buttons, or type /help.
    In danger now? Call 112.
