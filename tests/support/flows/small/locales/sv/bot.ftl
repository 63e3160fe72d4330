### review: reviewed

button-emergency = Nödläge 112
button-exit = Snabbt ut
button-language = Språk
button-privacy = Integritet
button-restart = Börja om
language-name = Svenska
language-prompt = Välj språk
emergency-text = Ring 112 om du är i fara nu.
exit-done = Samtalet är raderat. Ta bort chatten i din lista.
privacy-text = Vi sparar inget som visar vem du är.
help-text = Välj ett alternativ eller skriv vad du behöver.
stale-menu = Den knappen hör till ett gammalt meddelande.
step-gone = Samtalet har ändrats sedan sist.
flow-error = Något gick fel; vi börjar om.
not-understood = Jag förstod inte. Välj en knapp.
personal-data-notice = Du behöver inte skriva sådant här.
unsupported-message = Jag kan bara läsa text.
slow-down = Skriv lite långsammare.
signpost-open-always = Öppet dygnet runt
signpost-open-now = Öppet nu, stänger { $closes }
signpost-closed = Stängt, öppnar { $today ->
    [yes] i dag
   *[no] { $weekday }
} { $opens }
signpost-hours-unknown = Öppettider saknas
signpost-meanwhile = Ring 112 om det är akut.
signpost-interpreters = Tolk finns
anonymity-anonymous = Anonymt
anonymity-confidential = Sekretess
anonymity-public-record = Blir en allmän handling
anonymity-unknown = Unknown
cost-free = Gratis
cost-paid = Kostar pengar
contact-phone = Telefon: { $value }
contact-web = Webb: { $value }
contact-email = E-post: { $value }
contact-chat = Chatt: { $value }
contact-visit = Besök: { $value }
svc-sos-about = Larmnumret vid fara.
svc-sos-anon = Samtal till 112 registreras.
svc-line-about = Stöd per telefon.
svc-line-anon = Du behöver inte säga vem du är.
svc-line-meanwhile = Ring 112 om det är akut.
