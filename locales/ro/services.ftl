### review: machine-drafted

## Catalogul de servicii: un text pentru fiecare serviciu afișat (flows/services.toml și
## fișierul zonei). Numește un serviciu în alte texte cu { -svc-ID } sau { -role-ROL }.

anonymity-unknown = Nu se știe dacă aici îți poți păstra anonimatul.
svc-sos-112-about = Numărul de urgență pentru poliție, ambulanță și pompieri, când cineva este în pericol chiar acum. Poți vorbi suedeză sau engleză, iar ei pot chema un interpret.
svc-sos-112-anon = Te vor întreba unde te afli, ca ajutorul să ajungă la tine.
svc-polisen-about = Poliția. Pentru informații și sesizări care nu sunt urgente: sună sau folosește formularul de pe site. În caz de urgență, sună la 112.
svc-polisen-anon = O sesizare trimisă prin formularul web este criptată pe drum, dar devine document public. Nu scrie nimic care te-ar putea identifica.
svc-kvinnofridslinjen-about = Linie națională de sprijin pentru femei care au trăit violență, inclusiv exploatare sexuală. Pot suna și rudele și profesioniștii.
svc-kvinnofridslinjen-anon = Nu trebuie să-ți spui numele. Apelul nu apare pe factura de telefon.
svc-nmt-about = Sfaturi pentru profesioniști care întâlnesc prostituție sau trafic de persoane. Deschis în zilele lucrătoare, în timpul programului. Dacă e urgent, sună la poliție la 114 14 sau la serviciul social de gardă.
svc-nmt-anon = Cere sfaturi fără să numești persoana pentru care îți faci griji.
svc-ecpat-hotline-about = Raportează exploatarea sexuală a copiilor prin formularul web al ECPAT. Nu există linie telefonică.
svc-ecpat-hotline-anon = Poți raporta fără să-ți spui numele.
svc-socialtjansten-about = Serviciile sociale din municipalitatea ta: sprijin și sfaturi pentru oricine. În afara programului, cere serviciul social de gardă (socialjouren). Numărul este pe site-ul municipalității.
svc-socialtjansten-anon = Poți întreba mai întâi dacă trebuie să-ți spui numele. Dacă un copil este în pericol, ei trebuie să acționeze.
svc-bris-about = Pentru copii și tineri sub 18 ani. Sună sau scrie pe chat, e-mail sau SMS prin site.
svc-bris-anon = Este gratuit și nu trebuie să spui cine ești.
svc-brottsofferjouren-about = Sprijin pentru cei afectați de o infracțiune. Nu trebuie să fi făcut plângere la poliție.
svc-brottsofferjouren-anon = Este gratuit și îți poți păstra anonimatul dacă vrei.
svc-vardguiden-1177-about = Sfaturi medicale la telefon, zi și noapte. Dacă o viață e în pericol, sună la 112.
svc-vardguiden-1177-anon = Apelurile sunt înregistrate și intră în dosarul tău medical. Poți aștepta la coadă fără să tastezi codul numeric personal.
svc-stodlinjen-man-about = Linie națională de sprijin pentru bărbați de la 18 ani care au trăit violență. Pot suna și apropiații lor. Funcționează ca proiect-pilot, de la an la an.
svc-stodlinjen-man-anon = Nu trebuie să spui cine ești.
svc-stodlinjen-trans-about = Linie națională de sprijin pentru persoane trans de la 18 ani care au trăit violență. Funcționează ca proiect-pilot, de la an la an.
svc-stodlinjen-trans-anon = Nu trebuie să spui cine ești.
svc-valj-att-sluta-about = Linie națională pentru cei care folosesc violență față de partener sau familie și vor să se oprească.
svc-valj-att-sluta-anon = Poți întreba mai întâi dacă trebuie să-ți spui numele.
svc-evonhuset-about = În Malmö: pentru cei care vând sau cumpără sex și pentru victimele traficului de persoane, de la 15 ani. Nu se știe dacă ajută și oameni din alte orașe. Întreabă-i.
svc-evonhuset-anon = Poți întreba mai întâi dacă trebuie să-ți spui numele.
svc-preventell-about = Linie națională la Spitalul Universitar Karolinska pentru cei îngrijorați de propria viață sexuală sau de propriile fapte.
svc-preventell-anon = Poți întreba mai întâi dacă trebuie să-ți spui numele.
svc-norrkoping-socialjour-about = Serviciul social de gardă din Norrköping. Răspund când birourile sunt închise, în fiecare zi a anului.
svc-norrkoping-socialjour-anon = Poți suna fără să spui cine ești. Dacă un copil este în pericol, ei trebuie să acționeze.
svc-norrkoping-kontaktcenter-about = Centrul de contact al municipalității Norrköping. Cere serviciile sociale. Din iunie până în august se închide la ora 16.
svc-norrkoping-kontaktcenter-anon = Poți întreba mai întâi dacă trebuie să-ți spui numele. Dacă un copil este în pericol, ei trebuie să acționeze.
svc-norrkoping-kontaktcenter-meanwhile = Cât timp este închis, sună la { -role-local-on-call }. Dacă e urgent, sună la 112.
svc-norrkoping-frideborg-about = Sprijinul din Norrköping pentru violența în familie sau în cuplu: pentru cei care o trăiesc, pentru cei care o folosesc și pentru copii de la 4 ani care au văzut-o.
svc-norrkoping-frideborg-anon = Poți întreba mai întâi dacă trebuie să-ți spui numele.

svc-talita-about = Pentru femeile care vor să iasă din prostituție, pornografie sau trafic: adăposturi în Stockholm, un program de un an, terapie pentru traumă și ajutor pentru întoarcerea acasă. Un loc în adăpost se obține prin poliție sau prin serviciile sociale. Bărbații și persoanele trans primesc sprijin la clinica din Stockholm, fără locuință.
svc-talita-anon = Îi poți contacta fără să spui cine ești.
svc-safe-havens-about = Centrul Armatei Salvării pentru orice persoană care poate fi victimă a traficului, indiferent de gen, origine sau acte. Sfaturi juridice și sociale gratuite: fă o programare la telefon sau pe e-mail. În Stockholm poți veni și fără programare, miercurea, între orele 15 și 18. O echipă merge și în restul Suediei.
svc-safe-havens-anon = Poți întreba mai întâi dacă trebuie să-ți spui numele.
svc-tjejzonen-about = Un chat pentru fete și tinere între 10 și 25 de ani, despre orice. Nu este doar pentru întrebări despre sex pe bani.
svc-tjejzonen-anon = Chatul este anonim.
svc-sjalvmordslinjen-about = Linia organizației Mind pentru cei care se gândesc să-și ia viața și pentru apropiații lor. Sună sau scrie pe chat, zi și noapte.
svc-sjalvmordslinjen-anon = Nu trebuie să spui cine ești.
svc-droghjalpen-about = Linie națională pentru cei care consumă droguri și pentru apropiații lor.
svc-droghjalpen-anon = Nu trebuie să spui cine ești.
svc-alkoholhjalpen-about = Sprijin național pentru cei care vor să bea altfel și pentru apropiații lor.
svc-alkoholhjalpen-anon = Nu trebuie să spui cine ești.
svc-noomi-about = Un adăpost în Malmö pentru persoane de la 18 ani exploatate prin prostituție sau trafic. Locul se obține prin serviciile sociale.
svc-noomi-anon = Întreabă serviciile sociale ce trebuie să știe despre tine.
svc-novahuset-about = În Linköping: sprijin după violență sexuală, și pentru persoanele care fac sex pentru bani.
svc-novahuset-anon = Nu trebuie să spui cine ești.
svc-norrkoping-skuldradgivning-about = Ajutor gratuit în Norrköping ca să-ți planifici banii și să rezolvi datoriile. Sună la centrul de contact al municipalității și cere consilierea pentru buget și datorii (budget- och skuldrådgivning).
svc-norrkoping-skuldradgivning-anon = Întâlnirile au loc în camere neutre. Poți întreba mai întâi dacă trebuie să-ți spui numele.
svc-norrkoping-mobila-teamet-about = În Norrköping, o echipă de psihiatrie poate veni la un adult aflat în criză psihică acută. Sună la 112: ei pot trimite echipa.
svc-norrkoping-mobila-teamet-anon = Te vor întreba unde te afli, ca echipa să poată veni.
svc-norrkoping-mobila-teamet-meanwhile = Echipa iese doar după-amiaza, seara și noaptea. 112 răspunde la orice oră: dacă o viață e în pericol, sună acum.

svc-norrkoping-noaks-ark-about = Teste HIV gratuite în Norrköping și în Linköping. Pentru teste la alte infecții, întreabă la 1177 unde să mergi.
svc-norrkoping-noaks-ark-anon = Nu trebuie să-ți spui numele pentru un test HIV.
