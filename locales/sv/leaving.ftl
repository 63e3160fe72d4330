### review: machine-drafted

## Hjälp att lämna: skyddat boende, skulder, alkohol och droger, kris på natten

# Under varje steg som visar kommunens egna kort.
local-elsewhere = Bor du i en annan kommun? Ring socialtjänsten där du bor. På natten kan 112 koppla dig dit i många kommuner.

selling-choice-crisis = Tankar på självmord, eller en kris
selling-choice-debt = Någon säger att jag är skyldig pengar
selling-choice-drugs = Alkohol eller droger
selling-choice-safehouse = Ett skyddat boende, bort från den som styr mig

selling-crisis =
    Tack för att du berättar. Du ska inte behöva bära det här ensam.
    Kan du skada dig själv just nu? Ring 112.
    { -svc-sjalvmordslinjen } svarar dygnet runt, i telefon eller chatt. Du behöver inte säga vem du är. { -svc-vardguiden-1177 } ger råd om vård när som helst.
    Till en vuxen i akut kris kan 112 också skicka ut hjälp.

selling-debt =
    Säger någon att du är skyldig dem pengar för resan, ett rum eller ”skydd”? Och använder de skulden för att få dig att sälja sex eller arbeta? Det är inte ditt fel.
    Du kan prata om det med { -svc-brottsofferjouren }. Du behöver inte göra en polisanmälan först. Du kan också berätta för polisen.
    För andra skulder, som räkningar eller lån, kan du be om kommunens gratis budget- och skuldrådgivning.

selling-drugs =
    Dricker du eller tar du droger, och vill ändra på det? Du kan be om hjälp.
    { -svc-droghjalpen } är en gratis linje för den som tar droger och för närstående. Du behöver inte säga vem du är.
    För alkohol finns { -svc-alkoholhjalpen }, också anonym och gratis. Numret är inte bekräftat än, så det visas inte här.
    Du kan också be socialtjänsten om hjälp med alkohol eller droger.

selling-safehouse =
    Behöver du komma bort från någon som styr dig, till ett skyddat boende?
    En plats ordnas via socialtjänsten (socialjouren på natten) eller polisen. Du kan inte boka den själv.
    { -svc-talita } har skyddade boenden för kvinnor i Stockholm. { -svc-noomi } är ett boende i Malmö för den som har fyllt 18.
    { -svc-safe-havens } ger gratis råd till alla som kan vara utsatta för människohandel, oavsett papper.
    Är du i fara nu, ring 112.
