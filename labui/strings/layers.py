"""Text of the "Inside the layers" page, and what both layer pages share."""

STRINGS = {
    # the digit both layer pages look at
    "ly_digit_current": {
        "en": "Looking at your current digit (from: {source}).",
        "ko": "지금 고른 숫자를 보고 있습니다 (출처: {source}).",
    },
    "ly_digit_sample": {
        "en": "You have not drawn or picked a digit yet, so this page shows a "
              "sample from the MNIST test set. Draw one on the first page, or "
              "pick another sample here.",
        "ko": "아직 숫자를 그리거나 고르지 않아서, MNIST 시험 데이터의 예시 "
              "숫자를 보여 줍니다. 첫 페이지에서 직접 그리거나 여기서 "
              "다른 예시를 고르세요.",
    },
    "ly_sample_pick": {"en": "Sample digit", "ko": "예시 숫자"},
    "ly_sample_option": {
        "en": "sample {i} (digit {label})", "ko": "예시 {i} (숫자 {label})",
    },
    "ly_source_drawing": {"en": "your drawing", "ko": "직접 그린 숫자"},
    "ly_source_sample": {"en": "an MNIST sample", "ko": "MNIST 예시"},
    "ly_source_upload": {"en": "your upload", "ko": "올린 이미지"},
    "ly_prediction": {
        "en": "The network reads it as **{digit}**.",
        "ko": "신경망은 이 숫자를 **{digit}**(으)로 읽습니다.",
    },
    "ly_activation": {"en": "activation f(a)", "ko": "활성값 f(a)"},
    "ly_weight": {"en": "weight", "ko": "가중치"},
    "ly_input_value": {"en": "input value", "ko": "입력값"},
    "ly_map": {"en": "map", "ko": "맵"},
    "ly_row": {"en": "row", "ko": "행"},
    "ly_col": {"en": "column", "ko": "열"},
    "ly_unit": {"en": "unit", "ko": "유닛"},
    "ly_input_name": {"en": "the input", "ko": "입력"},
    # the maps
    "ly_intro": {
        "en": "Your digit goes in at the top and flows through six layers. "
              "Each small picture below is one **feature map**: one detector "
              "slid over the whole image, bright where it found its pattern. "
              "All pictures share one colour scale, from −1.7159 to +1.7159, "
              "the limits of the squashing function f(a) = 1.7159 tanh(2/3 a).",
        "ko": "숫자는 맨 위에서 들어가 여섯 개의 층을 차례로 지나갑니다. "
              "아래의 작은 그림 하나하나가 **특징 맵**입니다. 하나의 "
              "검출기를 이미지 전체에 밀어 가며 적용한 결과로, 찾는 "
              "무늬가 있는 곳이 밝게 보입니다. 모든 그림은 같은 색 눈금을 "
              "씁니다. 범위는 −1.7159에서 +1.7159로, 압축 함수 f(a) = 1.7159 "
              "tanh(2/3 a)가 낼 수 있는 값의 한계입니다.",
    },
    "ly_maps_header": {"en": "What each layer sees", "ko": "각 층이 보는 것"},
    "ly_input_title": {"en": "Input 32x32", "ko": "입력 32x32"},
    "ly_input_text": {
        "en": "The 32x32 input: the 28x28 digit with a 2-pixel border, "
              "background −0.1 and full ink 1.175. The border lets the "
              "kernels of the next layer centre on strokes near the edge.",
        "ko": "32x32 입력입니다. 28x28 숫자 둘레에 2픽셀 여백을 두었고, "
              "배경은 −0.1, 잉크는 1.175입니다. 여백 덕분에 다음 층의 "
              "커널이 가장자리 근처의 획에도 중심을 맞출 수 있습니다.",
    },
    "ly_c1_title": {"en": "C1: 6 maps of 28x28", "ko": "C1: 28x28 맵 6개"},
    "ly_c1_text": {
        "en": "C1 slides six 5x5 kernels over the input. Each map answers one "
              "question everywhere at once, such as “is there an edge going "
              "this way here?”. The same 26 numbers are used at every "
              "position, which is why a stroke is found wherever it is.",
        "ko": "C1은 5x5 커널 6개를 입력 위로 밀어 가며 적용합니다. 맵마다 "
              "“여기에 이런 방향의 경계가 있나?” 같은 질문 하나를 모든 "
              "위치에서 한꺼번에 묻습니다. 모든 위치에서 같은 26개의 "
              "숫자를 쓰기 때문에, 획이 어디에 있든 찾아낼 수 있습니다.",
    },
    "ly_s2_title": {"en": "S2: 6 maps of 14x14", "ko": "S2: 14x14 맵 6개"},
    "ly_s2_text": {
        "en": "S2 halves each C1 map: every unit adds a 2x2 block, multiplies "
              "by one trainable coefficient, adds a bias and squashes. The "
              "exact position of a feature matters less after this, only "
              "roughly where it is.",
        "ko": "S2는 C1의 각 맵을 절반 크기로 줄입니다. 유닛마다 2x2 블록을 "
              "더하고, 학습되는 계수 하나를 곱하고, 편향을 더한 뒤 "
              "압축합니다. 이 뒤로는 특징의 정확한 위치보다 대략적인 "
              "위치만 중요해집니다.",
    },
    "ly_c3_title": {"en": "C3: 16 maps of 10x10", "ko": "C3: 10x10 맵 16개"},
    "ly_c3_text": {
        "en": "C3 combines S2 maps: each of its 16 maps reads 3, 4 or all 6 "
              "of them, following the paper's connection table (see the page "
              "“The C3 table”). Its features are combinations of strokes, "
              "such as corners and line ends.",
        "ko": "C3는 S2 맵들을 조합합니다. 16개 맵은 각각 논문의 연결표에 "
              "따라 S2 맵 3개, 4개 또는 6개 전부를 읽습니다(“C3 연결표” "
              "페이지 참고). 모서리나 선 끝처럼 획이 조합된 특징을 "
              "찾습니다.",
    },
    "ly_s4_title": {"en": "S4: 16 maps of 5x5", "ko": "S4: 5x5 맵 16개"},
    "ly_s4_text": {
        "en": "S4 halves the C3 maps again, like S2. Each unit now depends on "
              "a 16x16 square of the input: half the digit.",
        "ko": "S4는 S2처럼 C3 맵을 다시 절반으로 줄입니다. 이제 유닛 하나가 "
              "입력의 16x16 정사각형, 곧 숫자의 절반쯤에 의존합니다.",
    },
    "ly_c5_title": {"en": "C5: 120 units", "ko": "C5: 유닛 120개"},
    "ly_c5_text": {
        "en": "C5 has 120 units, each looking at all 16 S4 maps through its "
              "own 5x5 kernels, so each sees the whole digit. From here on, "
              "“where” is gone: the network describes the digit as a list of "
              "numbers.",
        "ko": "C5에는 유닛이 120개 있고, 각 유닛은 자기만의 5x5 커널로 S4 맵 "
              "16개 전부를 보므로 숫자 전체를 봅니다. 여기서부터는 "
              "“어디에”라는 정보가 사라지고, 신경망은 숫자를 수의 "
              "목록으로 묘사합니다.",
    },
    "ly_f6_title": {"en": "F6: 84 units", "ko": "F6: 유닛 84개"},
    "ly_f6_text": {
        "en": "F6 has 84 units, fully connected to C5. Its 84 outputs are "
              "compared with ten fixed 7x12 pictures of the digits (±1 each); "
              "the closest picture gives the answer.",
        "ko": "F6에는 C5와 완전히 연결된 유닛 84개가 있습니다. 이 84개 "
              "출력을 숫자 10개의 고정된 7x12 그림(각 값은 ±1)과 비교해서 "
              "가장 가까운 그림이 답이 됩니다.",
    },
    "ly_saturated": {
        "en": "⚠ saturated maps (more than half the units at |f| > 0.95 × "
              "1.7159): {maps}. Units pinned at the limits barely change when "
              "the weights change, so they learn slowly.",
        "ko": "⚠ 포화된 맵 (유닛의 절반 넘게 |f| > 0.95 × 1.7159): {maps}. "
              "한계값에 붙어 버린 유닛은 가중치가 바뀌어도 거의 변하지 "
              "않아서 느리게 배웁니다.",
    },
    "ly_none_saturated": {
        "en": "No map is saturated (none has more than half its units at "
              "|f| > 0.95 × 1.7159).",
        "ko": "포화된 맵이 없습니다 (유닛의 절반 넘게 |f| > 0.95 × 1.7159인 "
              "맵이 없음).",
    },
    # kernels and coefficients
    "ly_kernels_header": {
        "en": "What the layers have learned", "ko": "층들이 배운 것",
    },
    "ly_c1_kernels_title": {
        "en": "C1: six 5x5 kernels", "ko": "C1: 5x5 커널 6개",
    },
    "ly_c1_kernels_text": {
        "en": "These 150 weights (plus 6 biases) are all C1 knows. Red "
              "weights reward ink, blue weights punish it: a red stripe next "
              "to a blue one is an edge detector.",
        "ko": "C1이 아는 것은 이 가중치 150개(와 편향 6개)가 전부입니다. "
              "빨간 가중치는 잉크를 반기고, 파란 가중치는 잉크를 "
              "싫어합니다. 빨간 줄과 파란 줄이 나란히 있으면 경계 "
              "검출기입니다.",
    },
    "ly_c3_kernels_title": {
        "en": "C3: 60 kernels in the layout of the connection table",
        "ko": "C3: 연결표 배치로 놓은 커널 60개",
    },
    "ly_c3_kernels_text": {
        "en": "Column j holds the kernels of C3 map j, row i the kernel it "
              "applies to S2 map i. Empty cells are the pairs the table "
              "leaves unconnected: 60 kernels instead of 96.",
        "ko": "j번째 열은 C3 맵 j의 커널이고, i번째 행은 그 맵이 S2 맵 i에 "
              "적용하는 커널입니다. 빈칸은 연결표가 잇지 않은 쌍입니다. "
              "그래서 커널이 96개가 아니라 60개입니다.",
    },
    "ly_sub_title": {
        "en": "S2 and S4: one coefficient and one bias per map",
        "ko": "S2와 S4: 맵마다 계수 하나와 편향 하나",
    },
    "ly_sub_text": {
        "en": "Sub-sampling is not plain averaging here: each map learns how "
              "strongly to pass its 2x2 sums on (the coefficient) and where to "
              "centre them (the bias). A small coefficient keeps the unit in "
              "the gentle middle of the squashing curve; a large one pushes "
              "it towards a yes/no answer.",
        "ko": "여기서 서브샘플링은 단순한 평균이 아닙니다. 맵마다 2x2 합을 "
              "얼마나 세게 넘길지(계수)와 어디를 중심으로 할지(편향)를 "
              "배웁니다. 계수가 작으면 유닛이 압축 곡선의 완만한 가운데에 "
              "머물고, 크면 예/아니오에 가까운 답을 냅니다.",
    },
    "ly_coef": {"en": "coefficient", "ko": "계수"},
    "ly_bias": {"en": "bias", "ko": "편향"},
    # one unit
    "ly_unit_header": {"en": "One unit up close", "ko": "유닛 하나 자세히 보기"},
    "ly_unit_intro": {
        "en": "Pick any unit. The outlined square on the input is its "
              "**receptive field**: the only pixels that can change it. Below, "
              "its computation is written out with the real numbers: a "
              "weighted sum plus a bias, then the squashing function.",
        "ko": "아무 유닛이나 고르세요. 입력 위에 표시된 사각형이 그 "
              "유닛의 **수용 영역**, 곧 그 유닛을 바꿀 수 있는 유일한 "
              "픽셀들입니다. 아래에 실제 숫자로 계산 과정을 적었습니다. "
              "가중합에 편향을 더하고, 압축 함수를 거칩니다.",
    },
    "ly_pick_layer": {"en": "Layer", "ko": "층"},
    "ly_field": {
        "en": "Receptive field: {h}x{w} pixels of the input, rows {r0}-{r1}, "
              "columns {c0}-{c1}.",
        "ko": "수용 영역: 입력의 {h}x{w} 픽셀, {r0}-{r1}행, {c0}-{c1}열.",
    },
    "ly_field_title": {
        "en": "Receptive field of {layer} map {m}, unit ({r}, {c})",
        "ko": "{layer} 맵 {m}, 유닛 ({r}, {c})의 수용 영역",
    },
    "ly_field_why": {
        "en": "Each layer widens the field: a 5x5 convolution adds 4 pixels, "
              "a 2x2 sub-sampling doubles it. C1 sees 5x5, S2 6x6, C3 14x14, "
              "S4 16x16, and C5 and F6 the whole 32x32.",
        "ko": "층을 지날 때마다 수용 영역이 넓어집니다. 5x5 합성곱은 "
              "4픽셀을 더하고, 2x2 서브샘플링은 두 배로 만듭니다. C1은 5x5, "
              "S2는 6x6, C3는 14x14, S4는 16x16, C5와 F6는 32x32 전체를 봅니다.",
    },
    "ly_calc_conv": {
        "en": "a = Σ w·x over {n} inputs + b = {total:.4f} + ({b:.4f}) "
              "= {a:.4f}",
        "ko": "a = 입력 {n}개에 대한 Σ w·x + b = {total:.4f} + ({b:.4f}) "
              "= {a:.4f}",
    },
    "ly_calc_c3": {
        "en": "a = Σ over S2 maps {maps} of Σ w·x (25 each) + b "
              "= {partials} + ({b:.4f}) = {a:.4f}",
        "ko": "a = S2 맵 {maps}에 대한 Σ w·x (각 25개)의 합 + b "
              "= {partials} + ({b:.4f}) = {a:.4f}",
    },
    "ly_calc_sub": {
        "en": "a = coefficient × (sum of the 2x2 block) + b = {coef:.4f} × "
              "{total:.4f} + ({b:.4f}) = {a:.4f}",
        "ko": "a = 계수 × (2x2 블록의 합) + b = {coef:.4f} × {total:.4f} + "
              "({b:.4f}) = {a:.4f}",
    },
    "ly_calc_f": {
        "en": "f(a) = 1.7159 tanh(2/3 · a) = 1.7159 tanh(2/3 · {a:.4f}) "
              "= {f:.4f}",
        "ko": "f(a) = 1.7159 tanh(2/3 · a) = 1.7159 tanh(2/3 · {a:.4f}) "
              "= {f:.4f}",
    },
    "ly_calc_engine": {
        "en": "The engine's own forward pass gave a = {a:.4f} and f(a) = "
              "{f:.4f} for this unit: the written-out sum agrees.",
        "ko": "엔진의 순전파도 이 유닛에 대해 a = {a:.4f}, f(a) = {f:.4f}를 "
              "냈습니다. 손으로 적은 계산과 일치합니다.",
    },
    "ly_calc_mismatch": {
        "en": "The engine's forward pass gave a = {a:.4f}, f(a) = {f:.4f}: "
              "this does not match the written-out sum.",
        "ko": "엔진의 순전파는 a = {a:.4f}, f(a) = {f:.4f}를 냈습니다. 손으로 "
              "적은 계산과 일치하지 않습니다.",
    },
    "ly_patch": {"en": "inputs x", "ko": "입력 x"},
    "ly_kernel": {"en": "weights w", "ko": "가중치 w"},
    "ly_products": {"en": "w·x", "ko": "w·x"},
    "ly_block": {"en": "2x2 block", "ko": "2x2 블록"},
    "ly_from_map": {
        "en": "From {layer} map {s}: Σ w·x = {partial:.4f}",
        "ko": "{layer} 맵 {s}에서: Σ w·x = {partial:.4f}",
    },
    "ly_partials_col": {"en": "Σ w·x", "ko": "Σ w·x"},
    "ly_c5_terms": {
        "en": "A C5 unit has one 5x5 kernel for each of the 16 S4 maps "
              "(400 weights). The share of each S4 map:",
        "ko": "C5 유닛은 S4 맵 16개 각각에 5x5 커널을 하나씩(가중치 400개) "
              "가집니다. S4 맵별 몫:",
    },
    "ly_f6_terms": {
        "en": "An F6 unit has one weight for each of the 120 C5 units. Each "
              "bar is one product w·x; they add up to Σ w·x.",
        "ko": "F6 유닛은 C5 유닛 120개마다 가중치를 하나씩 가집니다. 막대 "
              "하나가 곱 w·x 하나이고, 모두 더하면 Σ w·x입니다.",
    },
    "ly_c5_input": {"en": "C5 unit", "ko": "C5 유닛"},
    # the count table
    "ly_count_header": {
        "en": "Counting parameters and connections",
        "ko": "파라미터와 연결 세기",
    },
    "ly_count_text": {
        "en": "A **parameter** is a number the network learns; a "
              "**connection** is one input (or the bias) reaching one unit. "
              "Because a map uses the same kernel at every position, C1 has "
              "only 156 parameters but 122,304 connections: weight sharing is "
              "what makes a convolutional network small.",
        "ko": "**파라미터**는 신경망이 배우는 수이고, **연결**은 입력 "
              "하나(또는 편향)가 유닛 하나에 닿는 것입니다. 맵은 모든 "
              "위치에서 같은 커널을 쓰기 때문에 C1의 파라미터는 "
              "156개뿐이지만 연결은 122,304개입니다. 가중치 공유 덕분에 "
              "합성곱 신경망이 작아집니다.",
    },
    "ly_total": {
        "en": "Total: {params:,} trainable parameters and {conns:,} "
              "connections, as in the paper.",
        "ko": "합계: 학습되는 파라미터 {params:,}개, 연결 {conns:,}개로 "
              "논문과 같습니다.",
    },
    "ly_total_row": {"en": "total", "ko": "합계"},
    "ly_col_layer": {"en": "layer", "ko": "층"},
    "ly_col_output": {"en": "output", "ko": "출력"},
    "ly_col_params": {"en": "parameters", "ko": "파라미터"},
    "ly_col_params_how": {"en": "parameters: how", "ko": "파라미터 계산"},
    "ly_col_conns": {"en": "connections", "ko": "연결"},
    "ly_col_conns_how": {"en": "connections: how", "ko": "연결 계산"},
    "sum_conv_table": {
        "en": "{links} kernels × {kk} + {maps} biases",
        "ko": "커널 {links}개 × {kk} + 편향 {maps}개",
    },
    "sum_conv_full": {
        "en": "({kk} × {n_in} + 1) × {maps}",
        "ko": "({kk} × {n_in} + 1) × {maps}",
    },
    "sum_conv_conn": {
        "en": "{units} units per map × {params:,}",
        "ko": "맵당 유닛 {units}개 × {params:,}",
    },
    "sum_sub": {
        "en": "(1 coefficient + 1 bias) × {maps}",
        "ko": "(계수 1 + 편향 1) × {maps}",
    },
    "sum_sub_conn": {
        "en": "{maps} × {units} units × (4 inputs + 1)",
        "ko": "{maps} × 유닛 {units}개 × (입력 4 + 1)",
    },
    "sum_full": {"en": "({n_in} + 1) × {n_out}", "ko": "({n_in} + 1) × {n_out}"},
    "sum_rbf": {
        "en": "0 ({n_out} × {n_in} fixed ±1 values)",
        "ko": "0 (고정된 ±1 값 {n_out} × {n_in}개)",
    },
    "sum_rbf_conn": {"en": "{n_in} × {n_out}", "ko": "{n_in} × {n_out}"},
}
