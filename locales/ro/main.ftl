### review: machine-drafted

## Meniul de comenzi de lângă câmpul de text

command-sos = Ajutor de urgență, 112
command-exit = Ieși și șterge conversația
command-start = Începe din nou
command-language = Schimbă limba
command-privacy = Ce se păstrează și ce nu
command-help = Ajutor

## Butoane și mesaje afișate de bot

button-emergency = 🆘 Urgență 112
button-exit = ✖ Ieșire și ștergere
button-language = 🌐 Limba
button-privacy = 🔒 Confidențialitate
button-restart = ↩ Începe din nou
language-name = Română
language-prompt = Alege limba:

emergency-text =
    Dacă tu sau altcineva sunteți în pericol chiar acum, sună la 112.
    Numărul răspunde zi și noapte. Spune ce se întâmplă și unde te afli.

exit-done =
    Am șters mesajele din acest chat pe care le-am putut șterge: ale tale și ale mele, până la 48 de ore vechime. Ce păstram despre această conversație nu mai poate fi citit.
    Mesajele mai vechi au rămas: șterge-le tu, dacă există.

    Ultimul pas: scoate acest chat din lista ta de conversații. Pe Android, ține apăsat pe chat și alege Șterge (dacă îl glisezi spre stânga, doar îl arhivezi). Pe iPhone, glisează chatul spre stânga și alege Șterge. Pe calculator, dă clic dreapta pe el și alege Șterge chatul.

privacy-text =
    Ce păstrează acest bot:
    • niciun nume, niciun număr de telefon și nimic din ce scrii;
    • unde ai ajuns în conversație, limba ta și ora ultimului tău mesaj, cu o precizie de 10 minute. De asemenea, numerele câtorva mesaje, ca Ieșire să le poată șterge. Totul este încuiat cu o cheie făcută doar pentru această conversație, sub un cod în locul contului tău de Telegram. După câteva ore fără activitate, cheia este distrusă și totul se șterge;
    • de câte ori pe zi este folosit fiecare pas, serviciu și comandă, fără identitatea nimănui. Numerele mici nu sunt scrise niciodată.

    Ce face Ieșire: șterge mesajele din acest chat pe care Telegram îi permite botului să le șteargă, ale tale și ale botului, până la 48 de ore vechime. În același moment, ce a păstrat botul despre această conversație nu mai poate fi citit.
    Ce rămâne: mesajele mai vechi și chatul însuși, în lista ta de conversații. Le poți șterge tu. Copii încuiate pot rămâne pe discul serverului până când se scrie peste ele, dar nimeni nu le poate citi.
    Mesajele tale sunt citite ca să fie înțelese, apoi uitate.

help-text =
    Sunt un bot, nu un om. Îți arăt unde poți primi ajutor. Nu trebuie să-mi spui niciodată cine ești.
    Apasă ↩ Începe din nou ca să vezi variantele.
    În pericol acum? Sună la 112 sau apasă 🆘 Urgență 112.
    Vrei să vorbești cu cineva acum? { -svc-kvinnofridslinjen } (pentru femei și apropiații lor) și { -svc-sjalvmordslinjen } (dacă te gândești să-ți iei viața) răspund zi și noapte. Le găsești după ↩ Începe din nou.

stale-menu = Butonul acesta este dintr-un mesaj mai vechi. Iată unde ești acum.
step-gone = Conversația a fost actualizată de la ultimul tău mesaj. Poți continua de aici.
flow-error = Ceva n-a mers bine aici, așa că te duc înapoi la început.
not-understood = Îmi pare rău, n-am înțeles. Folosește butoanele sau scrie /help.
personal-data-notice = Nu e nevoie să dai aici numere de telefon, adrese de e-mail, coduri numerice personale sau adrese. Mesajul a fost șters.
unsupported-message = Pot citi doar text și butoane. Te rog să nu trimiți poze, mesaje vocale, fișiere sau locația ta.
slow-down = Scrii mai repede decât pot răspunde, așa că las deoparte câteva dintre mesajele tale pentru o clipă. Așteaptă puțin, apoi scrie din nou sau folosește butoanele. Ieșirea rapidă și ajutorul de urgență funcționează mereu.

## Cum este afișat un serviciu

signpost-open-always = Deschis zi și noapte.
signpost-open-now = Deschis acum, până la { $closes }.
signpost-closed =
    Închis acum. Se deschide { $today ->
        [yes] azi
       *[no] { $weekday ->
            [mon] luni
            [tue] marți
            [wed] miercuri
            [thu] joi
            [fri] vineri
            [sat] sâmbătă
           *[sun] duminică
        }
    } la ora { $opens }.
signpost-hours-unknown = Programul exact nu este trecut aici.
signpost-meanwhile = Dacă este urgent, sună la 112.
signpost-interpreters = Sunt disponibili interpreți
anonymity-anonymous = Îți poți păstra anonimatul.
anonymity-confidential = Nu este anonim: ți se poate cere să spui cine ești.
anonymity-public-record = Poate deveni document public, pe care alții pot cere să-l citească.
cost-free = Gratuit
cost-paid = Poate exista o taxă
contact-phone = Telefon: { $value }
contact-web = Web: { $value }
contact-email = E-mail: { $value }
contact-chat = Chat: { $value }
contact-visit = Vizită: { $value }

## Meniul principal

menu-welcome =
    Bună. Aici poți afla unde găsești ajutor legat de vânzarea sau cumpărarea de sex, exploatare sau trafic de persoane.
    Sunt un bot, nu un om. Nu trebuie să-mi spui cine ești.
    Butonul Urgență este mereu aici, iar Ieșire șterge conversația.
menu-question = Ce ți se potrivește cel mai bine?
menu-choice-selling = Fac sex pentru bani sau cineva mă exploatează
menu-choice-buyer = Plătesc pentru sex și vreau să mă opresc
menu-choice-relative = Îmi fac griji pentru cineva
menu-choice-report = Vreau să raportez ceva
choice-back-to-menu = ↩ Înapoi la început

## Vânzare de sex sau exploatare

selling-safety = Mai întâi: ești în pericol chiar acum?
selling-choice-danger = Da, sunt în pericol
selling-choice-safe = Nu, nu acum
selling-danger =
    Sună la 112 acum, dacă poți. Spune unde te afli.
    Dacă cineva s-ar putea uita în telefonul tău, apasă apoi Ieșire ca să ștergi conversația.
selling-choice-safe-now = Acum sunt în siguranță: arată-mi alt ajutor
selling-needs =
    Ce te-ar ajuta cel mai mult? Alege un lucru; poți reveni și alege altul.
    În multe locuri poți cere ajutor fără să spui cine ești.
selling-choice-talk = Cineva cu care să vorbesc
selling-choice-health = Îngrijire medicală
selling-choice-sleep = Un loc sigur în noaptea asta
selling-choice-money = Bani de trai
selling-choice-leave = Sprijin ca să renunț la sexul pentru bani
selling-choice-status = Griji legate de acte sau de expulzare
selling-choice-other-need = Altceva de care am nevoie
selling-talk =
    Nu există o linie națională doar pentru persoanele care fac sex pentru bani și nici una doar pentru persoanele LGBTQ care fac asta. Aceste linii sunt gratuite și anonime: una pentru femei, una pentru bărbați și una pentru persoane trans. Liniile pentru bărbați și pentru persoane trans sunt pentru cei de la 18 ani.
    Mesajele de mai jos arată când este deschisă fiecare.
selling-health =
    { -svc-vardguiden-1177 } dă sfaturi medicale la telefon, zi și noapte. Îți pot spune unde să mergi, de exemplu pentru un test, o sarcină sau o rănire.
    Dacă este urgent, sună la 112.
selling-sleep =
    Ai nevoie de un loc sigur în noaptea asta? Serviciile sociale te pot ajuta.
    În afara programului, sună la serviciul social de gardă (socialjouren). Dacă ești în pericol, sună la 112.
    { -svc-kvinnofridslinjen } răspunde femeilor zi și noapte și te poate ajuta să te gândești ce poți face.
selling-money = Poți cere serviciilor sociale bani pentru mâncare și chirie. Ele se uită mai întâi la veniturile și la situația ta. Pentru persoanele fără permis de ședere sau din altă țară din UE, de multe ori este doar ajutor de urgență.
selling-leave =
    Tu decizi când și cum. Întreabă serviciile sociale ce îți pot oferi, de exemplu discuții, îngrijire medicală, locuință sau ajutor cu bani și datorii. Ele sunt calea de intrare. Încă nu există un program special pentru muncă sau studii.
    { -svc-talita } are un program pentru femeile care vor să iasă din prostituție, cu locuință în Stockholm. Bărbații și persoanele trans pot primi sprijin la clinica lor din Stockholm, fără locuință.
    { -svc-safe-havens } oferă gratuit sfaturi juridice și sociale oricărei persoane care poate fi victimă a traficului. Se află în Stockholm, iar o echipă merge și în restul Suediei.
selling-status =
    Îți este teamă că va trebui să pleci din Suedia? Poate cineva te-a adus aici sau te ține aici ca să facă bani de pe urma ta. Asta poate fi trafic de persoane.
    Dacă nu ai permis să stai în Suedia, poți primi un permis de 30 de zile. Se numește betänketid (perioadă de reflecție). Îți dă timp să te refaci și să hotărăști dacă vrei să ajuți o anchetă a poliției.
    Serviciile sociale pot cere acest permis pentru tine. Nu e nevoie să fi început o anchetă a poliției. În afara programului, sună la serviciul social de gardă.

## Cumpărare de sex și dorința de a te opri

buyer-intro =
    E bine că ești aici. Nu ești singura persoană care vrea să se oprească, și există ajutor.
    Nimeni de aici nu te întreabă cine ești. Ce ai vrea să afli?
buyer-choice-where = Unde pot primi ajutor?
buyer-choice-what = Ce înseamnă tratamentul?
buyer-choice-call = Ce se întâmplă dacă iau legătura?
buyer-treatment =
    Tratamentul înseamnă discuții cu cineva pregătit pentru asta. Împreună vă uitați la ce te face să plătești pentru sex și cum te poți opri.
buyer-call =
    Când iei legătura, poți întreba mai întâi dacă trebuie să-ți spui numele și dacă ceva din ce spui este transmis mai departe.
    Treaba lor este să te ajute să te oprești.
buyer-where =
    Începe cu serviciile sociale din localitatea ta. Poți întreba mai întâi dacă trebuie să spui cine ești.
    Nu am găsit în Östergötland niciun tratament pentru persoanele care plătesc pentru sex. Există în alte locuri, dar s-ar putea să ajute doar oamenii din zona lor.
    { -svc-preventell } este o linie națională pentru cei îngrijorați de propriul comportament sexual. Numărul nu este încă confirmat, așa că nu apare aici.

## Rude, prieteni, colegi și profesioniști

relatives-intro = Mulțumesc că îți pasă. Ce ți se potrivește?
relatives-choice-close = O persoană apropiată poate fi exploatată
relatives-choice-work = Întâlnesc asta la muncă
relatives-choice-buyer = O persoană apropiată plătește pentru sex
relatives-choice-signs = Semne de care să țin cont
relatives-choice-help = Cum ajut fără risc?
relatives-choice-report = Vreau să raportez
relatives-choice-kast = Unde poate primi ajutor?
relatives-worried = E greu să-ți faci griji pentru cineva. Ce ai vrea să afli?
relatives-signs =
    Semne că o persoană poate fi exploatată. Un singur semn nu dovedește nimic.
    • Altcineva îi controlează telefonul, banii, pașaportul sau actele.
    • Are o datorie pe care nu o poate explica sau muncește ca s-o plătească.
    • Nu își știe propria adresă sau se mută des.
    • Pare să-i fie frică, pare urmărită sau izolată de ceilalți.
    • Are bani, cadouri sau un telefon pe care nu le poate explica.
    • O persoană tânără are un partener mult mai în vârstă sau contacte noi care îi dau lucruri.
relatives-help =
    Cum ajuți fără să pui pe cineva în pericol:
    • Ascultă, nu judeca și lasă persoana să decidă.
    • Nu confrunta pe cine crezi că o exploatează.
    • Nu scrie despre asta pe internet.
    • Dă-i discret un număr potrivit pentru ea.
    • Dacă cineva e în pericol acum, sună la 112. Dacă este implicat un copil, anunță serviciile sociale.
    { -svc-kvinnofridslinjen } primește și apeluri de la rude. Poți suna tu pentru sfaturi.
relatives-professional =
    Echipa națională de sprijin metodologic (NMT) dă sfaturi profesioniștilor care întâlnesc prostituție sau trafic de persoane, de exemplu în serviciile sociale, sănătate, școli sau locuințe.
    Nu trebuie să numești pe nimeni ca să primești sfaturi. Răspund în zilele lucrătoare, în timpul programului.
relatives-buyer =
    Poate fi greu să afli că o persoană apropiată plătește pentru sex. Poți primi sprijin pentru tine de la serviciile sociale.
    Persoana poate primi ajutor ca să se oprească. Apasă butonul de mai jos ca să vezi unde.

## Raportare

report-intro = Ce ai vrea să raportezi?
report-choice-danger = Cineva e în pericol acum
report-choice-child = Un copil este exploatat
report-choice-police = Anunț poliția (nu e urgent)
report-choice-anonymity = Cât de anonim este?
report-choice-other = Altceva de raportat
report-emergency = Sună la 112. Spune ce se întâmplă și unde. Numărul răspunde zi și noapte.
report-child =
    Copil este oricine are sub 18 ani. Dacă copilul e în pericol acum, sună la 112.
    Altfel, anunță serviciile sociale. Asta se numește sesizare de îngrijorare (orosanmälan). În afara programului, sună la serviciul social de gardă.
    Poți raporta exploatarea sexuală a copiilor și prin formularul web al { -svc-ecpat-hotline }. Acolo poți raporta fără să-ți spui numele.
report-police =
    Pentru ceva ce nu e urgent, sună la poliție sau folosește formularul pentru informații de pe site-ul lor.
    Atenție: o sesizare trimisă prin formularul web al poliției devine document public (allmän handling), pe care alții pot cere să-l citească. Nu scrie nimic din ce nu vrei să vadă alții, de exemplu numele tău.
report-anonymity =
    Cât de anonimă este fiecare cale?
    • 112: pentru urgențe. Te vor întreba unde te afli, ca să poată veni ajutorul.
    • Sesizarea web către poliție: criptată pe drum, dar devine document public pe care alții pot cere să-l citească.
    • { -svc-ecpat-hotline }: poți raporta fără să-ți spui numele.
    • { -svc-kvinnofridslinjen } (sprijin, nu raportare): fără nume, gratuit, nu apare pe factura de telefon.

