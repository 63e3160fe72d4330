### review: machine-drafted

## Writing with a person

handover-offer-button = 💬 Write with a person here
handover-consent =
    You can write with a person from { $service } here in this chat.
    They will not see your name or your account, and you will not see who they are.
    The bot passes on what you both write. The bot does not keep it.
    You can leave any time with the Exit and delete button.
handover-consent-button = Yes, I want to write with a person
handover-unavailable = Right now nobody can answer here. You can reach one of these instead.
handover-waiting = You are connected. Write here, and a person will answer as soon as they can.
handover-delayed = Your message will be passed on in a moment. It will arrive.
handover-capped = You wrote a lot at once. Your newest messages were not passed on. Please wait a moment, then write again.
handover-only-text = Only text is passed on. Please write what you want to say in words.
handover-personal-held =
    Your message had something that can show who you are, like a number or an address.
    I took it out of the chat. Do you want the person to get it?
handover-personal-send = Yes, send it
handover-personal-drop = No, do not send it
handover-personal-sent = It was sent.
handover-personal-dropped = It was not sent.
handover-ended-staff = The person has ended the conversation. Thank you for writing. You can start again any time.
handover-ended-inactive = The conversation ended because nobody wrote for a while. You can start again any time.
handover-ended-restart = The conversation with the person stopped for technical reasons. Please try again later.

## For the staff in the group

handover-staff-case = New conversation. Language: { $lang }. Steps: { $trail }
handover-staff-person-left = { $case }: the person left. The topic is deleted.
handover-staff-ended = { $case }: the conversation has ended. The topic is deleted.
handover-staff-inactive = { $case }: nobody wrote for a while, so the conversation ended. The topic is deleted.
handover-staff-only-text = Only text is passed on. This did not reach the person.
handover-staff-urgent = ⚠ The person was shown the information on emergency help.
handover-staff-available = Available now: { $count }
handover-staff-restart = The bot started again. Conversations that were open before have ended.
