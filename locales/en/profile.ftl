### review: machine-drafted

## The bot's profile on Telegram, set by the bot itself at start.
## Seen by anyone who opens the bot, also on a phone that others look at:
## say what the bot offers, never what a person using it might be going through.

# Shown in the empty chat before the person presses Start (at most 512 characters).
bot-description =
    Questions about your situation, or someone else's? Here you find out where to turn for support and advice.
    You do not need to say who you are. You can delete the chat whenever you want.
    In an emergency, call 112.

# Shown on the bot's profile and when it is shared (at most 120 characters).
bot-short-description = Anonymous guidance to support and advice. No name needed.
