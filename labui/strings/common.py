STRINGS = {
    "app_title": {"en": "LeNet-5 Lab", "ko": "LeNet-5 실험실"},
    "language": {"en": "Language", "ko": "언어"},
    "nav_draw": {"en": "Draw a digit", "ko": "숫자 그리기"},
    "nav_layers": {"en": "Inside the layers", "ko": "층 들여다보기"},
    "nav_c3": {"en": "The C3 table", "ko": "C3 연결표"},
    "nav_learn": {"en": "Learn step by step", "ko": "한 단계씩 학습"},
    "nav_train": {"en": "Train", "ko": "학습시키기"},
    "model_caption": {
        "en": "Model: {source}, test error {error:.2f} % on 10,000 MNIST digits",
        "ko": "모델: {source}, MNIST 시험 숫자 10,000개에서 오류율 {error:.2f} %",
    },
    "model_caption_changed": {
        "en": "Model: your own copy, changed since it was shipped "
              "(its error on the 10,000 test digits is not measured here)",
        "ko": "모델: 기본 모델에서 바뀐 나만의 사본 "
              "(시험 숫자 10,000개에 대한 오류율은 여기서 측정하지 않음)",
    },
    "model_shipped": {"en": "the shipped LeNet-5", "ko": "기본 제공 LeNet-5"},
    "model_yours": {"en": "your own copy (changed)", "ko": "나만의 사본 (변경됨)"},
}
