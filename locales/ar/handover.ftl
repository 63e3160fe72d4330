### review: machine-drafted

## الكتابة مع شخص

handover-offer-button = 💬 اكتب مع شخص هنا
handover-consent =
    يمكنك أن تكتب مع شخص من { $service } هنا في هذه المحادثة.
    لن يرى اسمك أو حسابك، ولن ترى أنت من هو.
    البوت ينقل ما تكتبانه. البوت لا يحتفظ به.
    يمكنك المغادرة في أي وقت بزر خروج وحذف.
handover-consent-button = نعم، أريد أن أكتب مع شخص
handover-unavailable = لا يستطيع أحد الرد هنا الآن. يمكنك التواصل مع إحدى هذه الجهات بدلاً من ذلك.
handover-waiting = تم الاتصال. اكتب هنا، وسيرد عليك شخص في أقرب وقت ممكن.
handover-delayed = ستُنقل رسالتك بعد قليل. ستصل.
handover-capped = وصلت منك رسائل كثيرة في وقت قصير. أحدث رسائلك لم تُنقل. يمكن الكتابة من جديد بعد قليل.
handover-only-text = يُنقل النص فقط. من فضلك اكتب ما تريد قوله بالكلمات.
handover-personal-held =
    في رسالتك شيء قد يُظهر من أنت، مثل رقم أو عنوان.
    حذفناها من المحادثة. هل تريد أن يحصل عليها الشخص؟
handover-personal-send = نعم، أرسلها
handover-personal-drop = لا، لا ترسلها
handover-personal-sent = تم الإرسال.
handover-personal-dropped = لم تُرسل.
handover-ended-staff = أنهى الشخص المحادثة. شكراً لأنك كتبت. يمكنك البدء من جديد في أي وقت.
handover-ended-inactive = انتهت المحادثة لأن أحداً لم يكتب منذ مدة. يمكنك البدء من جديد في أي وقت.
handover-ended-restart = توقفت المحادثة لأسباب تقنية. من فضلك حاول لاحقاً.

## للعاملين في المجموعة

handover-staff-case = محادثة جديدة. اللغة: { $lang }. الخطوات: { $trail }
handover-staff-person-left = { $case }: غادر الشخص. يُحذف الموضوع.
handover-staff-ended = { $case }: انتهت المحادثة. يُحذف الموضوع.
handover-staff-inactive = { $case }: لم يكتب أحد منذ مدة، فانتهت المحادثة. يُحذف الموضوع.
handover-staff-only-text = يُنقل النص فقط. هذا لم يصل إلى الشخص.
handover-staff-urgent = ⚠ عُرضت على الشخص معلومات المساعدة الطارئة.
handover-staff-available = المتاحون الآن: { $count }
handover-staff-restart = بدأ البوت من جديد. المحادثات التي كانت مفتوحة قبل ذلك انتهت.
