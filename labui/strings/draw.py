STRINGS = {
    "draw_intro": {
        "en": "Draw a digit from 0 to 9 on the black pad with your mouse or "
              "finger. After every stroke, LeNet-5 reads your drawing and "
              "says which digit it sees. You can also pick a handwritten "
              "digit from MNIST or upload a photo of one.",
        "ko": "검은 판에 마우스나 손가락으로 0부터 9까지의 숫자를 하나 "
              "그려 보세요. 한 획을 그을 때마다 LeNet-5가 그림을 읽고 어떤 "
              "숫자로 보이는지 알려 줍니다. MNIST의 손글씨 숫자를 고르거나 "
              "숫자 사진을 올려도 됩니다.",
    },
    "draw_mode": {"en": "Input", "ko": "입력 방법"},
    "draw_mode_draw": {"en": "✏️ Draw", "ko": "✏️ 그리기"},
    "draw_mode_sample": {"en": "🗂️ Pick an MNIST sample",
                         "ko": "🗂️ MNIST 예시 고르기"},
    "draw_mode_upload": {"en": "📷 Upload a picture", "ko": "📷 사진 올리기"},
    "draw_clear": {"en": "🧽 Clear", "ko": "🧽 지우기"},
    "draw_pad_help": {
        "en": "The pad's toolbar can undo your last stroke or wipe the pad.",
        "ko": "판의 도구 모음으로 마지막 획을 되돌리거나 판을 지울 수 "
              "있습니다.",
    },
    "draw_prompt": {
        "en": "✏️ Draw a digit first: the pad is empty, so there is nothing "
              "to read yet.",
        "ko": "✏️ 먼저 숫자를 그려 주세요. 판이 비어 있어서 아직 읽을 "
              "것이 없습니다.",
    },
    "draw_too_little": {
        "en": "Too little ink to be a digit. Draw the whole digit, large, "
              "across the pad.",
        "ko": "숫자라고 하기에는 잉크가 너무 적습니다. 판을 가득 채우도록 "
              "숫자 전체를 크게 그려 보세요.",
    },
    "draw_sample_pick": {"en": "MNIST test digit", "ko": "MNIST 시험 숫자"},
    "draw_sample_option": {
        "en": "#{index}: a handwritten {label}",
        "ko": "#{index}: 손으로 쓴 {label}",
    },
    "draw_sample_true": {"en": "True label", "ko": "실제 정답"},
    "draw_sample_help": {
        "en": "These digits come from the MNIST test set, which the network "
              "never saw during training. They are already size-normalised "
              "and centred, exactly as in 1998.",
        "ko": "이 숫자들은 신경망이 학습할 때 한 번도 보지 못한 MNIST 시험 "
              "데이터에서 왔습니다. 1998년 그대로 이미 크기가 맞춰지고 "
              "가운데로 옮겨져 있습니다.",
    },
    "draw_upload": {
        "en": "A photo or scan of one digit (dark ink on light paper, or "
              "light on dark)",
        "ko": "숫자 하나를 찍은 사진이나 스캔 (밝은 종이에 어두운 글씨, "
              "또는 그 반대)",
    },
    "draw_upload_limits": {
        "en": "PNG, JPEG, GIF, BMP, WebP or TIFF, up to {mb} MB.",
        "ko": "PNG, JPEG, GIF, BMP, WebP, TIFF 파일, {mb}MB까지.",
    },
    "draw_upload_prompt": {
        "en": "Upload a picture of a single handwritten digit to see how "
              "LeNet-5 reads it.",
        "ko": "손으로 쓴 숫자 하나가 담긴 사진을 올리면 LeNet-5가 어떻게 "
              "읽는지 볼 수 있습니다.",
    },
    "draw_upload_bad": {
        "en": "This file cannot be read as an image. Try a PNG or JPEG "
              "photo of a single digit.",
        "ko": "이 파일은 이미지로 읽을 수 없습니다. 숫자 하나를 찍은 PNG나 "
              "JPEG 사진으로 다시 해 보세요.",
    },
    "draw_upload_blank": {
        "en": "No digit found in this picture: it looks like blank paper.",
        "ko": "이 사진에서 숫자를 찾지 못했습니다. 빈 종이처럼 보입니다.",
    },
    "draw_upload_little": {
        "en": "The digit in this picture is too small or too faint. Crop "
              "the photo closer to the digit.",
        "ko": "사진 속 숫자가 너무 작거나 흐립니다. 숫자 가까이 잘라서 "
              "다시 올려 보세요.",
    },
    "draw_input_bad": {
        "en": "This image cannot be turned into a network input.",
        "ko": "이 이미지는 신경망 입력으로 바꿀 수 없습니다.",
    },
    "draw_details": {"en": "Details: {detail}", "ko": "자세한 내용: {detail}"},
    "draw_upload_notes": {"en": "While reading the file: {notes}",
                          "ko": "파일을 읽으면서 한 일: {notes}"},
    "draw_prediction": {"en": "Prediction", "ko": "예측"},
    "draw_unsure_value": {"en": "? ({digit})", "ko": "? ({digit})"},
    "draw_confident": {
        "en": "LeNet-5 reads this as the digit **{digit}**: its penalty "
              "({best:.1f}) is clearly the lowest; next comes {second} "
              "({second_p:.1f}).",
        "ko": "LeNet-5는 이것을 **{digit}**(으)로 읽습니다. 벌점 "
              "({best:.1f})이 확실히 가장 낮고, 그다음은 {second} "
              "({second_p:.1f})입니다.",
    },
    "draw_unsure_far": {
        "en": "Not sure. The closest digit is {digit}, but this picture is "
              "farther from every digit template (best penalty {best:.1f}) "
              "than almost all real handwritten digits (limit {limit:.1f}). "
              "Perhaps it is not a digit?",
        "ko": "확실하지 않습니다. 가장 가까운 숫자는 {digit}이지만, 이 "
              "그림은 실제 손글씨 숫자 거의 모두보다 모든 숫자 견본에서 "
              "더 멉니다 (가장 낮은 벌점 {best:.1f}, 한계 {limit:.1f}). 숫자가 "
              "아닐지도 모릅니다.",
    },
    "draw_unsure_tie": {
        "en": "Not sure. {digit} and {second} are almost tied (penalties "
              "{best:.1f} and {second_p:.1f}). Try drawing the digit more "
              "clearly.",
        "ko": "확실하지 않습니다. {digit}와(과) {second}의 벌점이 거의 "
              "같습니다 ({best:.1f}, {second_p:.1f}). 숫자를 더 또렷하게 "
              "그려 보세요.",
    },
    "draw_unsure_help": {
        "en": "A question mark: the network always names its closest "
              "digit, shown in brackets, but here it is not sure.",
        "ko": "물음표는 확실하지 않다는 뜻입니다. 신경망은 언제나 가장 "
              "가까운 숫자를 말하며, 괄호 안이 그 숫자입니다.",
    },
    "draw_right": {"en": "✅ Correct: the true label is {label}.",
                   "ko": "✅ 정답입니다. 실제 정답은 {label}입니다."},
    "draw_wrong": {
        "en": "❌ Wrong: the true label is {label}. Even a good network "
              "misreads about one digit in a hundred.",
        "ko": "❌ 틀렸습니다. 실제 정답은 {label}입니다. 좋은 신경망도 "
              "대략 백 개 중 하나는 잘못 읽습니다.",
    },
    "draw_steps_title": {"en": "From your picture to the network's input",
                         "ko": "그림에서 신경망 입력까지"},
    "draw_steps_text": {
        "en": "Before the network sees a picture, it is prepared the way "
              "the MNIST digits were: the ink is cut out along its bounding "
              "box (red), shrunk so that its longer side is 20 pixels "
              "without changing its shape, placed in a 28×28 field so that "
              "its centre of mass sits in the middle, and padded to 32×32. "
              "Blank paper becomes −0.1 and full ink 1.175, so the input "
              "has a mean near 0 and a spread near 1, which keeps the "
              "network's tanh units in their useful range.",
        "ko": "신경망에 보여 주기 전에 그림은 MNIST 숫자를 만들 때와 같은 "
              "방법으로 다듬어집니다. 잉크를 둘러싼 상자(빨간색)를 따라 "
              "잘라 내고, 모양은 그대로 둔 채 긴 쪽이 20픽셀이 되도록 "
              "줄인 다음, 무게중심이 한가운데 오도록 28×28 칸에 놓고, "
              "32×32로 테두리를 덧붙입니다. 빈 종이는 −0.1, 진한 잉크는 "
              "1.175가 되어 입력의 평균은 0 가까이, 퍼짐은 1 가까이가 "
              "됩니다. 그래야 신경망의 tanh 단위가 쓸모 있는 범위에서 "
              "일합니다.",
    },
    "draw_inverted": {
        "en": "The background was light, so the colours were inverted: the "
              "network expects light ink on dark paper, like MNIST.",
        "ko": "배경이 밝아서 색을 뒤집었습니다. 신경망은 MNIST처럼 어두운 "
              "바탕에 밝은 글씨를 기대합니다.",
    },
    "draw_panel_drawn": {"en": "Drawn, with its ink box",
                         "ko": "그린 그림과 잉크 상자"},
    "draw_panel_scaled": {"en": "Longer side scaled to 20",
                          "ko": "긴 쪽을 20으로 맞춤"},
    "draw_panel_centred": {"en": "Centred by mass in 28×28",
                           "ko": "무게중심을 28×28 가운데로"},
    "draw_panel_input": {"en": "Network input, 32×32",
                         "ko": "신경망 입력, 32×32"},
    "draw_value": {"en": "value", "ko": "값"},
    "draw_penalties_title": {"en": "Ten penalties: the lowest wins",
                             "ko": "열 개의 벌점: 가장 낮은 쪽이 이깁니다"},
    "draw_penalties_text": {
        "en": "LeNet-5's last layer does not award points to each digit; "
              "it measures distances. Each of its ten units compares the 84 "
              "outputs of layer F6 with a fixed picture of its digit and "
              "reports the squared difference, a penalty. The digit with "
              "the lowest penalty wins. When even the lowest penalty is "
              "high (above the dotted line), the picture is unlike any "
              "digit the network knows.",
        "ko": "LeNet-5의 마지막 층은 숫자마다 점수를 주지 않고 거리를 "
              "잽니다. 열 개의 단위가 저마다 F6 층의 출력 84개를 자기 "
              "숫자의 고정된 그림과 비교해 차이의 제곱, 곧 벌점을 "
              "내놓습니다. 벌점이 가장 낮은 숫자가 이깁니다. 가장 낮은 "
              "벌점조차 높으면(점선 위), 그림이 신경망이 아는 어느 "
              "숫자와도 닮지 않았다는 뜻입니다.",
    },
    "draw_axis_digit": {"en": "digit", "ko": "숫자"},
    "draw_axis_penalty": {"en": "penalty (lower = more alike)",
                          "ko": "벌점 (낮을수록 닮음)"},
    "draw_reject_line": {"en": "uncertain above this line",
                         "ko": "이 선 위는 불확실"},
    "draw_f6_title": {"en": "The network draws its own picture",
                      "ko": "신경망이 스스로 그리는 그림"},
    "draw_f6_text": {
        "en": "The 84 outputs of F6 can be laid out as a 7×12 picture. "
              "Training taught the network to paint, for every digit, a "
              "picture close to that digit's template: a small, stylised "
              "bitmap fixed by the authors and never trained. On the left "
              "is the picture your input produced, on the right the "
              "template of the winner, {digit}. The more alike they look, "
              "the lower the penalty.",
        "ko": "F6의 출력 84개는 7×12 그림으로 펼칠 수 있습니다. 학습을 "
              "거치며 신경망은 숫자마다 그 숫자의 견본에 가까운 그림을 "
              "그리게 되었습니다. 견본은 저자들이 정해 둔 작은 도트 "
              "그림으로, 학습으로 바뀌지 않습니다. 왼쪽은 지금 입력이 "
              "만든 그림, 오른쪽은 이긴 숫자 {digit}의 견본입니다. 둘이 "
              "닮을수록 벌점이 낮습니다.",
    },
    "draw_panel_f6": {"en": "F6 output (84 = 7×12)",
                      "ko": "F6 출력 (84 = 7×12)"},
    "draw_panel_template": {"en": "Template of {digit}",
                            "ko": "{digit}의 견본"},
    "draw_f6_value": {"en": "value (−1.7 … 1.7)",
                      "ko": "값 (−1.7 … 1.7)"},
}
