### review: machine-drafted

## Shown for a moment over the chat when a button is pressed while the bot is setting
## the chat's messages aside (the person writes or taps faster than it takes them in).
press-held-back = يُرجى الانتظار لحظة، ثم الضغط مرة أخرى.
