### review: machine-drafted

## Öppettider: när allt i ett steg är stängt, och öppet över flera dagar.

hours-open-until-day =
    Öppet nu, till { $weekday ->
        [mon] måndag
        [tue] tisdag
        [wed] onsdag
        [thu] torsdag
        [fri] fredag
        [sat] lördag
       *[sun] söndag
    } kl. { $closes }.
hours-all-closed =
    Alla ställen här är stängda just nu. Det första öppnar { $today ->
        [yes] i dag
       *[no] på { $weekday ->
            [mon] måndag
            [tue] tisdag
            [wed] onsdag
            [thu] torsdag
            [fri] fredag
            [sat] lördag
           *[sun] söndag
        }
    } kl. { $opens }.
hours-open-day-and-night = Den här linjen svarar dygnet runt:
