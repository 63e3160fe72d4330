### review: machine-drafted

## Să scrii cu o persoană

handover-offer-button = 💬 Scrie cu o persoană aici
handover-consent =
    Poți scrie cu o persoană de la { $service } aici, în acest chat.
    Persoana nu îți vede numele sau contul, iar tu nu vezi cine este.
    Botul transmite ce scrieți. Botul nu păstrează nimic.
    Poți pleca oricând cu butonul Ieșire și ștergere.
handover-consent-button = Da, vreau să scriu cu o persoană
handover-unavailable = Acum nu poate răspunde nimeni aici. Poți suna sau scrie la unul dintre aceștia.
handover-waiting = Legătura s-a făcut. Scrie aici și o persoană îți răspunde cât poate de repede.
handover-delayed = Mesajul tău va fi transmis în curând. Va ajunge.
handover-capped = Ai scris mult deodată. Ultimele tale mesaje nu au fost transmise. Te rog să aștepți puțin, apoi scrie din nou.
handover-only-text = Se transmite doar text. Te rog să scrii în cuvinte.
handover-personal-held =
    Mesajul tău avea ceva care poate arăta cine ești, de exemplu un număr sau o adresă.
    L-am scos din chat. Vrei ca persoana să îl primească?
handover-personal-send = Da, trimite
handover-personal-drop = Nu, nu trimite
handover-personal-sent = A fost trimis.
handover-personal-dropped = Nu a fost trimis.
handover-ended-staff = Persoana a încheiat conversația. Mulțumesc că ai scris. Poți începe din nou oricând.
handover-ended-inactive = Conversația s-a încheiat pentru că nimeni nu a scris o vreme. Poți începe din nou oricând.
handover-ended-restart = Conversația s-a oprit din motive tehnice. Te rog să încerci mai târziu.

## Pentru personal, în grup

handover-staff-case = Conversație nouă. Limba: { $lang }. Pași: { $trail }
handover-staff-person-left = { $case }: persoana a plecat. Subiectul se șterge.
handover-staff-ended = { $case }: conversația s-a încheiat. Subiectul se șterge.
handover-staff-inactive = { $case }: nimeni nu a scris o vreme, conversația s-a încheiat. Subiectul se șterge.
handover-staff-only-text = Se transmite doar text. Acesta nu a ajuns la persoană.
handover-staff-urgent = ⚠ Persoanei i s-au arătat informațiile despre ajutorul de urgență.
handover-staff-available = Disponibili acum: { $count }
handover-staff-restart = Botul a pornit din nou. Conversațiile deschise înainte s-au încheiat.
