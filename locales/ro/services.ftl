### review: machine-drafted

## Catalogul de servicii: un text pentru fiecare serviciu afișat (flows/services.toml și
## fișierul zonei). Numește un serviciu în alte texte cu { -svc-ID } sau { -role-ROL }.

anonymity-unknown = Nu știm dacă aici poți rămâne anonim.
svc-sos-112-about = Numărul de urgență pentru poliție, ambulanță și pompieri, când cineva este în pericol chiar acum. Poți vorbi suedeză sau engleză, iar ei pot chema un interpret.
svc-sos-112-anon = Vei fi întrebat unde te afli, ca ajutorul să ajungă la tine.
svc-polisen-about = Poliția. Pentru informații și sesizări care nu sunt urgente: sună sau folosește formularul de pe site. În caz de urgență, sună la 112.
svc-polisen-anon = O sesizare trimisă prin formularul web este criptată pe drum, dar devine document public. Nu scrie nimic care te-ar putea identifica.
svc-kvinnofridslinjen-about = Linie națională de sprijin pentru femei care au trăit violență, inclusiv exploatare sexuală. Pot suna și rudele și profesioniștii.
svc-kvinnofridslinjen-anon = Nu trebuie să-ți spui numele. Apelul nu apare pe factura de telefon.
svc-nmt-about = Sfaturi pentru profesioniști care întâlnesc prostituție sau trafic de persoane. Deschis în zilele lucrătoare, în timpul programului. Dacă e urgent, sună la poliție la 114 14 sau la serviciul social de gardă.
svc-nmt-anon = Nu trebuie să numești persoana pentru care îți faci griji ca să primești sfaturi.
svc-ecpat-hotline-about = Raportează exploatarea sexuală a copiilor prin formularul web al ECPAT. Nu există linie telefonică.
svc-ecpat-hotline-anon = Poți raporta fără să-ți spui numele.
svc-socialtjansten-about = Serviciile sociale din municipalitatea ta: sprijin și sfaturi pentru oricine. În afara programului, cere serviciul social de gardă (socialjouren). Numărul este pe site-ul municipalității.
svc-socialtjansten-anon = Poți cere sfaturi fără să spui cine ești. Dacă un copil este în pericol, ei trebuie să acționeze.
svc-bris-about = Pentru copii și tineri sub 18 ani. Sună sau scrie pe chat, e-mail sau SMS prin site.
svc-bris-anon = Este gratuit și nu trebuie să spui cine ești.
svc-brottsofferjouren-about = Sprijin pentru cei afectați de o infracțiune. Nu trebuie să fi făcut plângere la poliție.
svc-brottsofferjouren-anon = Este gratuit și poți rămâne anonim dacă vrei.
svc-vardguiden-1177-about = Sfaturi medicale la telefon, zi și noapte. Dacă o viață e în pericol, sună la 112.
svc-vardguiden-1177-anon = Poți întreba ce trebuie să știe despre tine înainte să spui cine ești.
svc-stodlinjen-man-about = Linie națională de sprijin pentru bărbați care au trăit violență.
svc-stodlinjen-man-anon = Poți întreba ce trebuie să știe despre tine înainte să spui cine ești.
svc-stodlinjen-trans-about = Linie națională de sprijin pentru persoane trans care au trăit violență.
svc-stodlinjen-trans-anon = Poți întreba ce trebuie să știe despre tine înainte să spui cine ești.
svc-valj-att-sluta-about = Linie națională pentru cei care folosesc violență față de partener sau familie și vor să se oprească.
svc-valj-att-sluta-anon = Poți întreba ce trebuie să știe despre tine înainte să spui cine ești.
svc-evonhuset-about = În Malmö: pentru cei care vând sau cumpără sex și pentru victimele traficului de persoane, de la 15 ani. Nu știm dacă ajută și oameni din alte orașe. Întreabă-i.
svc-evonhuset-anon = Poți întreba ce trebuie să știe despre tine înainte să spui cine ești.
svc-pegasus-about = Pentru persoane LGBTQ între 15 și 25 de ani care au vândut sau au schimbat sex pe ceva. Chat pe site.
svc-pegasus-anon = Chatul este anonim.
svc-preventell-about = Linie națională la Spitalul Universitar Karolinska pentru cei îngrijorați de propria viață sexuală sau de propriile fapte.
svc-preventell-anon = Poți întreba ce trebuie să știe despre tine înainte să spui cine ești.
svc-norrkoping-socialjour-about = Serviciul social de gardă din Norrköping. Răspund când birourile sunt închise, în fiecare zi a anului.
svc-norrkoping-socialjour-anon = Poți suna fără să spui cine ești. Dacă un copil este în pericol, ei trebuie să acționeze.
svc-norrkoping-kontaktcenter-about = Centrul de contact al municipalității Norrköping. Cere serviciile sociale. Din iunie până în august se închide la ora 16.
svc-norrkoping-kontaktcenter-anon = Poți întreba ce trebuie să știe despre tine înainte să spui cine ești. Dacă un copil este în pericol, ei trebuie să acționeze.
svc-norrkoping-kontaktcenter-meanwhile = Cât timp este închis, sună la { -role-local-on-call }. Dacă e urgent, sună la 112.
svc-norrkoping-frideborg-about = Sprijinul din Norrköping pentru violența în familie sau în cuplu: pentru cei care o trăiesc, pentru cei care o folosesc și pentru copii de la 4 ani care au văzut-o.
svc-norrkoping-frideborg-anon = Poți întreba ce trebuie să știe despre tine înainte să spui cine ești.
