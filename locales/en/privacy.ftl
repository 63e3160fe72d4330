### review: machine-drafted

## Notices about deleting. Each says only what really happened.

# Quick exit, when some messages could not be deleted.
exit-partial =
    I could not delete every message of this conversation. Some may still be in the chat.

    Delete the chat yourself now: on a phone, press and hold the chat (or swipe it left) and choose Delete. On a computer, right-click it and choose Delete chat.

# A message with personal data that could not be deleted.
personal-data-kept = You do not need to share phone numbers, e-mail addresses, ID numbers or addresses here. I could not delete that message: please delete it yourself (press and hold it, then choose Delete).

# A shared location, live location, contact or place, deleted.
shared-deleted = I deleted the location or contact you shared. You do not need to share where you are or who you know here.

# A shared location, live location, contact or place that could not be deleted.
shared-kept = You do not need to share a location or contact here. I could not delete it: please delete it yourself (press and hold it, then choose Delete), and stop sharing your live location if it is on.
