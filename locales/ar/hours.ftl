### review: machine-drafted

## ساعات العمل: عندما يكون كل شيء في هذه الخطوة مغلقًا، وعندما تعمل جهة عدة أيام متتالية.

hours-open-until-day =
    مفتوح الآن حتى يوم { $weekday ->
        [mon] الاثنين
        [tue] الثلاثاء
        [wed] الأربعاء
        [thu] الخميس
        [fri] الجمعة
        [sat] السبت
       *[sun] الأحد
    } الساعة { $closes }.
hours-all-closed =
    كل الجهات هنا مغلقة الآن. أول جهة تفتح { $today ->
        [yes] اليوم
       *[no] يوم { $weekday ->
            [mon] الاثنين
            [tue] الثلاثاء
            [wed] الأربعاء
            [thu] الخميس
            [fri] الجمعة
            [sat] السبت
           *[sun] الأحد
        }
    } الساعة { $opens }.
hours-open-day-and-night = هذا الخط يجيب ليلًا ونهارًا:
