young = [en] young
understanding-distress = [en] distress
understanding-did-you-mean = [en] did you mean
understanding-not-understood = [en] not understood, 112
