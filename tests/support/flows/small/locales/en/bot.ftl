### review: machine-drafted

button-emergency = Emergency 112
button-exit = Quick exit
button-language = Language
button-privacy = Privacy
button-restart = Start again
language-name = English
language-prompt = Choose a language
emergency-text = Call 112 if you are in danger now.
exit-done = The conversation is deleted. Remove the chat from your list.
privacy-text = We keep nothing that shows who you are.
help-text = Pick an option or write what you need.
stale-menu = That button belongs to an old message.
step-gone = The conversation has changed since last time.
flow-error = Something went wrong; we start again.
not-understood = I did not understand. Pick a button.
personal-data-notice = You do not need to write things like that.
unsupported-message = I can only read text.
slow-down = Please write more slowly.
signpost-open-always = Open around the clock
signpost-open-now = Open now, closes { $closes }
signpost-closed = Closed, opens { $today ->
    [yes] today
   *[no] { $weekday }
} { $opens }
signpost-hours-unknown = Opening hours not listed
signpost-meanwhile = Call 112 if it is urgent.
signpost-interpreters = Interpreters available
anonymity-anonymous = Anonymous
anonymity-confidential = Confidential
anonymity-public-record = Becomes a public record
anonymity-unknown = Unknown
cost-free = Free
cost-paid = Costs money
contact-phone = Phone: { $value }
contact-web = Web: { $value }
contact-email = E-mail: { $value }
contact-chat = Chat: { $value }
contact-visit = Visit: { $value }
svc-sos-about = The emergency number when in danger.
svc-sos-anon = Calls to 112 are recorded.
svc-line-about = Support by phone.
svc-line-anon = You do not have to say who you are.
svc-line-meanwhile = Call 112 if it is urgent.
