"""Text of the "Learn step by step" page, in English and Korean."""

STRINGS = {
    "learn_intro": {
        "en": "Learning is four steps repeated many times. **Forward**: the "
              "digit runs through the network. **Loss**: one number says how "
              "wrong the answer is. **Backward**: the chain rule tells every "
              "weight how the loss would change if it moved. **Update**: every "
              "weight takes a small step downhill. Here you do each step "
              "yourself, on your own copy of the network, and see every number "
              "that moves.",
        "ko": "학습은 네 단계를 여러 번 되풀이하는 것입니다. **순전파**: "
              "숫자가 신경망을 지나갑니다. **손실**: 답이 얼마나 "
              "틀렸는지를 숫자 하나로 나타냅니다. **역전파**: 연쇄 "
              "법칙으로 각 가중치가 움직이면 손실이 어떻게 변할지 "
              "알아냅니다. **갱신**: 모든 가중치가 손실이 줄어드는 쪽으로 "
              "조금씩 움직입니다. 여기서는 나만의 신경망 사본으로 각 "
              "단계를 직접 실행하고, 움직이는 숫자를 모두 볼 수 있습니다.",
    },
    "learn_reset": {"en": "↩️ Reset my model to the shipped one",
                    "ko": "↩️ 내 모델을 기본 모델로 되돌리기"},
    "learn_reset_done": {
        "en": "Your model is the shipped LeNet-5 again.",
        "ko": "내 모델이 다시 기본 제공 LeNet-5가 되었습니다.",
    },
    "learn_own_copy": {
        "en": "Everything on this page changes only your own copy of the "
              "network; other students keep theirs.",
        "ko": "이 페이지에서 바꾸는 것은 모두 나만의 신경망 사본입니다. "
              "다른 학생의 모델은 그대로입니다.",
    },
    # choosing the digit and the label
    "learn_choose": {"en": "1. Choose a digit and what it should be",
                     "ko": "1. 숫자와 정답 고르기"},
    "learn_source": {"en": "Digit", "ko": "숫자"},
    "learn_source_sample": {"en": "a sample digit", "ko": "예시 숫자"},
    "learn_source_drawing": {"en": "my drawing", "ko": "내 그림"},
    "learn_no_drawing": {
        "en": "Draw a digit on the first page to learn on your own drawing.",
        "ko": "첫 페이지에서 숫자를 그리면 내 그림으로도 학습할 수 "
              "있습니다.",
    },
    "learn_sample": {"en": "Sample digit", "ko": "예시 숫자"},
    "learn_sample_item": {"en": "no. {i}: digit {label}", "ko": "{i}번: {label}"},
    "learn_label": {"en": "The network should learn that this is a",
                    "ko": "신경망이 배워야 할 정답"},
    "learn_label_help": {
        "en": "By default the true label (or, for a drawing, the network's "
              "own answer). Pick a wrong one to see what a mislabelled example "
              "does to the network.",
        "ko": "기본값은 실제 정답입니다(그림이면 신경망의 현재 답). "
              "일부러 틀린 정답을 고르면 잘못 표시된 예제가 신경망에 "
              "무엇을 하는지 볼 수 있습니다.",
    },
    "learn_now_predicts": {
        "en": "True label: {true}. Your network now says: **{pred}**.",
        "ko": "실제 정답: {true}. 지금 내 신경망의 답: **{pred}**.",
    },
    "learn_unknown": {"en": "unknown", "ko": "모름"},
    "learn_wrong_label": {
        "en": "You are teaching a wrong answer on purpose: watch the loss "
              "fall on this digit while other digits may start to suffer.",
        "ko": "일부러 틀린 정답을 가르치고 있습니다. 이 숫자의 손실은 "
              "줄지만 다른 숫자들이 나빠질 수 있는지 지켜보세요.",
    },
    # the optimiser
    "learn_opt_head": {"en": "2. How big a step", "ko": "2. 한 걸음의 크기"},
    "learn_opt": {"en": "Optimiser", "ko": "최적화 방법"},
    "learn_opt_sgd": {"en": "gradient descent (SGD)",
                      "ko": "경사 하강법 (SGD)"},
    "learn_opt_momentum": {"en": "SGD with momentum 0.9",
                           "ko": "모멘텀 0.9의 SGD"},
    "learn_opt_sdlm": {"en": "SDLM (the paper's method)",
                       "ko": "SDLM (논문의 방법)"},
    "learn_lr": {"en": "Learning rate (log scale)",
                 "ko": "학습률 (로그 눈금)"},
    "learn_opt_text_sgd": {
        "en": "Every weight moves by −learning rate × its gradient: "
              "w ← w − η ∂E/∂w, η = {lr:g}.",
        "ko": "모든 가중치가 −학습률 × 기울기만큼 움직입니다: "
              "w ← w − η ∂E/∂w, η = {lr:g}.",
    },
    "learn_opt_text_momentum": {
        "en": "Like SGD, but each step also keeps 0.9 of the previous one: "
              "v ← 0.9 v − η ∂E/∂w, w ← w + v, η = {lr:g}. Steps in a "
              "steady direction grow; zig-zags cancel.",
        "ko": "SGD와 같지만 각 걸음이 이전 걸음의 0.9를 이어받습니다: "
              "v ← 0.9 v − η ∂E/∂w, w ← w + v, η = {lr:g}. 같은 방향의 걸음은 "
              "커지고, 지그재그는 상쇄됩니다.",
    },
    "learn_opt_text_sdlm": {
        "en": "The paper's stochastic diagonal Levenberg-Marquardt: every "
              "weight k gets its own step size η / (μ + h_kk), where h_kk "
              "measures how sharply the loss curves along that weight "
              "(estimated on {n} sample digits), η = {lr:g}, μ = {mu:g}. "
              "Weights in steep directions take small steps, weights in flat "
              "ones large steps.",
        "ko": "논문의 확률적 대각 레벤버그-마쿼트 방법입니다. 가중치 "
              "k마다 자기만의 걸음 크기 η / (μ + h_kk)를 가집니다. h_kk는 그 "
              "가중치 방향으로 손실이 얼마나 가파르게 휘는지를 "
              "나타냅니다(예시 숫자 {n}개로 추정). η = {lr:g}, μ = {mu:g}. "
              "가파른 방향의 가중치는 작게, 평평한 방향의 가중치는 크게 "
              "움직입니다.",
    },
    # the four steps
    "learn_steps_head": {"en": "3. One learning step, in four parts",
                         "ko": "3. 학습 한 번, 네 부분으로"},
    "learn_btn_forward": {"en": "① Forward", "ko": "① 순전파"},
    "learn_btn_loss": {"en": "② Loss", "ko": "② 손실"},
    "learn_btn_backward": {"en": "③ Backward", "ko": "③ 역전파"},
    "learn_btn_update": {"en": "④ Update", "ko": "④ 갱신"},
    "learn_order": {
        "en": "The steps go in order: each button wakes up when the one "
              "before it is done. Changing the digit, the label or the step "
              "size starts a new cycle.",
        "ko": "단계는 차례대로 진행합니다. 앞 단계가 끝나야 다음 버튼이 "
              "켜집니다. 숫자, 정답, 걸음 크기를 바꾸면 새로 시작합니다.",
    },
    "learn_fwd_head": {"en": "① Forward: what every layer produces",
                       "ko": "① 순전파: 각 층이 만드는 것"},
    "learn_fwd_text": {
        "en": "Each row is one layer's output for this digit, every small "
              "square one feature map, all on the same colour scale: red is "
              "+1.7 (the most a squashed unit can give), blue −1.7. C5's 120 "
              "units are drawn as 8 × 15 and F6's 84 as 12 × 7, the shape of "
              "the output bitmaps they are compared with. The network "
              "answers **{pred}**.",
        "ko": "각 줄은 이 숫자에 대한 한 층의 출력이고, 작은 사각형 하나가 "
              "특징 맵 하나입니다. 모두 같은 색 눈금을 씁니다: 빨강은 "
              "+1.7(찌그러뜨림 함수의 최댓값), 파랑은 −1.7입니다. C5의 120개 "
              "유닛은 8 × 15로, F6의 84개는 출력 비트맵과 같은 12 × 7 "
              "모양으로 그렸습니다. 신경망의 답은 **{pred}**입니다.",
    },
    "learn_activation": {"en": "activation f(a)", "ko": "활성값 f(a)"},
    "learn_row_input": {"en": "input 32×32", "ko": "입력 32×32"},
    "learn_row_c1": {"en": "C1: 6 maps 28×28", "ko": "C1: 맵 6개 28×28"},
    "learn_row_s2": {"en": "S2: 6 maps 14×14", "ko": "S2: 맵 6개 14×14"},
    "learn_row_c3": {"en": "C3: 16 maps 10×10", "ko": "C3: 맵 16개 10×10"},
    "learn_row_s4": {"en": "S4: 16 maps 5×5", "ko": "S4: 맵 16개 5×5"},
    "learn_row_c5": {"en": "C5: 120 units", "ko": "C5: 유닛 120개"},
    "learn_row_f6": {"en": "F6: 84 units", "ko": "F6: 유닛 84개"},
    "learn_loss_head": {"en": "② Loss: how wrong is the answer?",
                        "ko": "② 손실: 답이 얼마나 틀렸나?"},
    "learn_loss_text": {
        "en": "Each output unit measures the squared distance between F6's "
              "84 outputs and its digit's fixed ±1 bitmap: a penalty, the "
              "smaller the better. The MAP loss (eq. 9 of the paper) pulls "
              "the penalty of the target **{label}** down and, through the "
              "log term, pushes the other penalties up while they are not "
              "already far above j.",
        "ko": "출력 유닛 각각은 F6의 출력 84개와 자기 숫자의 고정된 ±1 "
              "비트맵 사이의 거리 제곱, 곧 벌점을 잽니다. 작을수록 "
              "좋습니다. MAP 손실(논문의 식 9)은 정답 **{label}**의 벌점을 "
              "끌어내리고, 로그 항을 통해 다른 벌점들이 j보다 훨씬 크지 "
              "않은 동안은 위로 밀어 올립니다.",
    },
    "learn_j_text": {
        "en": "Why j = {j:g}? The paper leaves it open. The two closest "
              "bitmaps, 6 and 8, differ in 12 pixels, so their squared "
              "distance is 12 × 2² = 48; a point exactly halfway between "
              "them has penalty 48 / 4 = 12 to each. j acts like an eleventh "
              "\"rubbish\" class: a digit farther than that from every "
              "template is given no confident answer.",
        "ko": "왜 j = {j:g}일까요? 논문은 값을 정하지 않았습니다. 가장 "
              "가까운 두 비트맵 6과 8은 12픽셀이 달라 거리 제곱이 12 × 2² = "
              "48입니다. 둘의 정확히 한가운데 있는 점은 양쪽에 대한 벌점이 "
              "48 / 4 = 12입니다. j는 열한 번째 \"쓰레기\" 부류처럼 "
              "작동합니다: 모든 본보기에서 그보다 먼 숫자에는 확신 있는 "
              "답을 주지 않습니다.",
    },
    "learn_penalty": {"en": "penalty y_i", "ko": "벌점 y_i"},
    "learn_digit": {"en": "digit", "ko": "숫자"},
    "learn_target_bar": {"en": "target {label} in red",
                         "ko": "정답 {label}은 빨간색"},
    "learn_j_line": {"en": "j = {j:g}", "ko": "j = {j:g}"},
    "learn_loss_value": {"en": "loss E = {value:.4g}",
                         "ko": "손실 E = {value:.4g}"},
    "learn_dy_text": {
        "en": "The gradient the loss sends back to the ten penalties: "
              "∂E/∂y_i = [i = target] − e^(−y_i) / Z, where Z = e^(−j) + "
              "Σ e^(−y_i). It is where backpropagation starts.",
        "ko": "손실이 열 개의 벌점에 돌려보내는 기울기: ∂E/∂y_i = [i = "
              "정답] − e^(−y_i) / Z, 여기서 Z = e^(−j) + Σ e^(−y_i). 역전파는 "
              "여기서 시작합니다.",
    },
    "learn_bwd_head": {"en": "③ Backward: the chain rule, layer by layer",
                       "ko": "③ 역전파: 층마다 연쇄 법칙"},
    "learn_bwd_text": {
        "en": "Each row shows ∂E/∂(output) arriving at one layer: how much "
              "the loss would change if that unit's output grew a little. "
              "Red: growing it would raise the loss; blue: lower it. Every "
              "row has its own scale (its largest value is in the label), "
              "because gradients shrink or grow from layer to layer.",
        "ko": "각 줄은 한 층의 출력에 도착한 ∂E/∂(출력)입니다. 그 유닛의 "
              "출력이 조금 커지면 손실이 얼마나 변하는지를 나타냅니다. "
              "빨강은 키우면 손실이 커지고, 파랑은 줄어듭니다. 기울기의 "
              "크기는 층마다 크게 달라서 줄마다 눈금이 따로 있습니다(가장 "
              "큰 값은 이름 옆에).",
    },
    "learn_grad": {"en": "gradient", "ko": "기울기"},
    "learn_grad_scaled": {"en": "∂E/∂out (scaled per row)",
                          "ko": "∂E/∂출력 (줄마다 눈금)"},
    "learn_kernels_text": {
        "en": "The kernels of C1 and C3 (top) beside the gradient of each "
              "weight (below). A kernel weight is shared by every position of "
              "its map, so its gradient adds up the contributions of all "
              "those positions. C3's kernels are laid out like Table I: one "
              "row per S2 map, one column per C3 map, blank where nothing is "
              "wired.",
        "ko": "C1과 C3의 커널(위)과 각 가중치의 기울기(아래)입니다. 커널의 "
              "가중치는 맵의 모든 위치가 함께 쓰므로, 그 기울기는 모든 "
              "위치의 기여를 더한 것입니다. C3의 커널은 표 I처럼 "
              "배치했습니다: 줄은 S2 맵, 칸은 C3 맵, 연결이 없는 곳은 비어 "
              "있습니다.",
    },
    "learn_sub_text": {
        "en": "S2 and S4 have only one coefficient and one bias per map: "
              "each unit adds its four inputs, multiplies by the coefficient "
              "and adds the bias. Their gradients are single numbers.",
        "ko": "S2와 S4는 맵마다 계수 하나와 편향 하나뿐입니다. 각 유닛은 "
              "입력 네 개를 더해 계수를 곱하고 편향을 더합니다. 그 "
              "기울기는 숫자 하나씩입니다.",
    },
    "learn_kernel": {"en": "kernels", "ko": "커널"},
    "learn_weight": {"en": "weight", "ko": "가중치"},
    "learn_c1_kernels": {"en": "C1: 6 kernels 5×5", "ko": "C1: 5×5 커널 6개"},
    "learn_c3_kernels": {"en": "C3: 60 kernels 5×5 (rows S2, columns C3)",
                         "ko": "C3: 5×5 커널 60개 (줄 S2, 칸 C3)"},
    "learn_col_map": {"en": "map", "ko": "맵"},
    "learn_col_digit": {"en": "digit i", "ko": "숫자 i"},
    "learn_col_penalty": {"en": "penalty y_i", "ko": "벌점 y_i"},
    "learn_col_dy": {"en": "∂E/∂y_i", "ko": "∂E/∂y_i"},
    "learn_col_coef": {"en": "coefficient", "ko": "계수"},
    "learn_col_coef_grad": {"en": "∂E/∂coefficient", "ko": "∂E/∂계수"},
    "learn_col_coef_step": {"en": "coefficient step", "ko": "계수 걸음"},
    "learn_col_coef_after": {"en": "coefficient after", "ko": "갱신 후 계수"},
    "learn_col_b": {"en": "bias", "ko": "편향"},
    "learn_col_b_grad": {"en": "∂E/∂bias", "ko": "∂E/∂편향"},
    "learn_col_b_step": {"en": "bias step", "ko": "편향 걸음"},
    "learn_col_b_after": {"en": "bias after", "ko": "갱신 후 편향"},
    "learn_upd_head": {"en": "④ Update: every weight takes its step",
                       "ko": "④ 갱신: 모든 가중치가 한 걸음"},
    "learn_upd_ok": {
        "en": "Step applied. Loss on this digit: {before:.6g} → {after:.6g} "
              "(change {change:+.2g}). The step is {ratio:.2g} times the size "
              "of all the weights.",
        "ko": "갱신했습니다. 이 숫자의 손실: {before:.6g} → {after:.6g} "
              "(변화 {change:+.2g}). 걸음의 크기는 전체 가중치 크기의 "
              "{ratio:.2g}배입니다.",
    },
    "learn_upd_tiny": {
        "en": "The network already reads this digit well, so its loss is "
              "tiny and one step changes it very little. To see learning "
              "at work, pick a wrong label or a larger learning rate, or "
              "draw a digit it misreads.",
        "ko": "신경망이 이 숫자를 이미 잘 읽기 때문에 손실이 아주 작고, "
              "한 걸음으로는 거의 바뀌지 않습니다. 학습이 일어나는 "
              "모습을 보려면 틀린 정답을 고르거나, 학습률을 키우거나, "
              "신경망이 잘못 읽는 숫자를 그려 보세요.",
    },
    "learn_refused": {
        "en": "Step refused: your model is unchanged. {why} With this step "
              "the loss on this digit would have gone from {before:.4g} to "
              "{after:.4g}. Try a smaller learning rate.",
        "ko": "갱신을 거부했습니다. 내 모델은 그대로입니다. {why} 이 "
              "걸음대로라면 이 숫자의 손실이 {before:.4g}에서 {after:.4g}(으)로 "
              "바뀌었을 것입니다. 더 작은 학습률을 써 보세요.",
    },
    "learn_why_weights_nonfinite": {
        "en": "Some weights would have become infinite or NaN (not a "
              "number): the arithmetic overflowed.",
        "ko": "일부 가중치가 무한대나 NaN(숫자 아님)이 되었을 것입니다. "
              "계산이 넘쳤습니다.",
    },
    "learn_why_loss_nonfinite": {
        "en": "The loss would have become infinite or NaN.",
        "ko": "손실이 무한대나 NaN이 되었을 것입니다.",
    },
    "learn_why_loss_tenfold": {
        "en": "The loss would have risen more than tenfold: the step "
              "overshot the valley and landed far up the other side.",
        "ko": "손실이 열 배 넘게 커졌을 것입니다. 걸음이 골짜기를 지나쳐 "
              "반대편 높은 곳에 떨어졌습니다.",
    },
    "learn_why_weights_explode": {
        "en": "The step would have been {ratio:.3g} times larger than all "
              "the weights together: the numbers explode, every squashed "
              "unit would be pinned at ±1.7 and the network would forget "
              "everything it knew.",
        "ko": "걸음이 전체 가중치를 합친 것보다 {ratio:.3g}배 컸을 것입니다. "
              "숫자가 폭발해 모든 유닛이 ±1.7에 붙어 버리고, 신경망은 알던 "
              "것을 모두 잊었을 것입니다.",
    },
    "learn_upd_text": {
        "en": "For each kernel: the weights before, the step taken (−rate × "
              "gradient, on its own scale) and the weights after. With a "
              "sensible learning rate the step is tiny next to the weights: "
              "one digit nudges the network, it does not rebuild it.",
        "ko": "커널마다: 갱신 전 가중치, 실제로 움직인 걸음(−학습률 × "
              "기울기, 눈금은 따로), 갱신 후 가중치입니다. 알맞은 "
              "학습률이면 걸음은 가중치에 비해 아주 작습니다. 숫자 하나는 "
              "신경망을 살짝 밀 뿐, 새로 만들지 않습니다.",
    },
    "learn_before": {"en": "before", "ko": "갱신 전"},
    "learn_step": {"en": "step", "ko": "걸음"},
    "learn_after": {"en": "after", "ko": "갱신 후"},
    "learn_rate_row": {"en": "own step size η/(μ+h)",
                       "ko": "자기 걸음 크기 η/(μ+h)"},
    "learn_rates_text": {
        "en": "SDLM: each weight's own step size η / (μ + h_kk). The table "
              "gives the smallest and largest per tensor.",
        "ko": "SDLM: 가중치마다 자기 걸음 크기 η / (μ + h_kk)를 씁니다. 표에는 "
              "텐서마다 가장 작은 값과 가장 큰 값이 있습니다.",
    },
    "learn_tensors": {"en": "All 60,000 parameters, tensor by tensor",
                      "ko": "매개변수 60,000개 전체, 텐서별"},
    "learn_col_tensor": {"en": "tensor", "ko": "텐서"},
    "learn_col_size": {"en": "size", "ko": "개수"},
    "learn_col_gnorm": {"en": "|gradient|", "ko": "|기울기|"},
    "learn_col_rate_min": {"en": "rate min", "ko": "최소 학습률"},
    "learn_col_rate_max": {"en": "rate max", "ko": "최대 학습률"},
    "learn_col_snorm": {"en": "|step|", "ko": "|걸음|"},
    "learn_col_smax": {"en": "largest change", "ko": "가장 큰 변화"},
    # the chain rule
    "learn_chain_head": {"en": "The chain rule for one weight, with numbers",
                         "ko": "가중치 하나의 연쇄 법칙, 숫자로"},
    "learn_chain_need": {
        "en": "Do forward, loss and backward first: the chain rule uses "
              "their numbers.",
        "ko": "먼저 순전파, 손실, 역전파를 하세요. 연쇄 법칙은 그 숫자들을 "
              "씁니다.",
    },
    "learn_chain_text": {
        "en": "Take the weight w from C5 unit i to F6 unit k. Its gradient is "
              "three numbers multiplied: how the loss reacts to the unit's "
              "output, how the squashing function passes a change through "
              "(its slope f′(a) = S/A · (A² − f(a)²)), and the input x_i the "
              "weight multiplies. The weight with the largest gradient is "
              "picked first.",
        "ko": "C5 유닛 i에서 F6 유닛 k로 가는 가중치 w를 봅시다. 그 기울기는 "
              "세 숫자의 곱입니다: 유닛의 출력에 손실이 얼마나 "
              "반응하는지, 찌그러뜨림 함수가 변화를 얼마나 "
              "통과시키는지(기울기 f′(a) = S/A · (A² − f(a)²)), 그리고 "
              "가중치가 곱하는 입력 x_i. 처음에는 기울기가 가장 큰 "
              "가중치를 골라 둡니다.",
    },
    "learn_chain_unit": {"en": "F6 unit k (0-83)", "ko": "F6 유닛 k (0-83)"},
    "learn_chain_inp": {"en": "C5 input i (0-119)", "ko": "C5 입력 i (0-119)"},
    "learn_chain_out_text": {
        "en": "∂E/∂out_k collects from all ten output units, because F6 "
              "unit k feeds every penalty: ∂y_c/∂out_k = 2 (out_k − w_ck), "
              "w_ck being pixel k of digit c's bitmap.",
        "ko": "F6 유닛 k는 모든 벌점에 들어가므로, ∂E/∂out_k는 출력 유닛 열 "
              "개 모두에서 모입니다: ∂y_c/∂out_k = 2 (out_k − w_ck), w_ck는 숫자 "
              "c 비트맵의 k번째 픽셀입니다.",
    },
    "learn_chain_engine": {
        "en": "The engine's backward pass computed {engine:.6g}; the product "
              "above is {product:.6g}.",
        "ko": "엔진의 역전파가 계산한 값은 {engine:.6g}, 위의 곱은 "
              "{product:.6g}입니다.",
    },
    # gradient check
    "learn_gc_head": {"en": "Check a gradient yourself",
                      "ko": "기울기 직접 확인하기"},
    "learn_gc_text": {
        "en": "Backpropagation is easy to get subtly wrong, so we test it "
              "the slow way: nudge one weight by ±ε, run the network forward "
              "twice and see how the loss changes: (E(w+ε) − E(w−ε)) / 2ε. "
              "Done in 64-bit floats on a copy of your model. The two numbers "
              "should agree to many digits (relative error below 10⁻⁶).",
        "ko": "역전파는 미묘하게 틀리기 쉬워서 느린 방법으로 확인합니다. "
              "가중치 하나를 ±ε만큼 움직여 순전파를 두 번 하고 손실이 "
              "얼마나 변하는지 봅니다: (E(w+ε) − E(w−ε)) / 2ε. 내 모델의 "
              "사본에서 64비트 실수로 계산합니다. 두 값은 여러 자리까지 "
              "같아야 합니다(상대 오차 10⁻⁶ 미만).",
    },
    "learn_gc_tensor": {"en": "Parameter tensor", "ko": "매개변수 텐서"},
    "learn_gc_largest": {"en": "the weight with the largest gradient",
                         "ko": "기울기가 가장 큰 가중치"},
    "learn_gc_index": {"en": "weight number (flat index)",
                       "ko": "가중치 번호 (평탄화 색인)"},
    "learn_gc_run": {"en": "Check this gradient", "ko": "이 기울기 확인"},
    "learn_gc_result": {
        "en": "{name}{index}: backpropagation {analytic:.10g}, finite "
              "difference {numeric:.10g} (ε = {eps:g}), relative error "
              "{rel:.2e}.",
        "ko": "{name}{index}: 역전파 {analytic:.10g}, 유한 차분 {numeric:.10g} "
              "(ε = {eps:g}), 상대 오차 {rel:.2e}.",
    },
    "learn_gc_good": {"en": "They agree: backpropagation is right here.",
                      "ko": "일치합니다. 여기서 역전파는 정확합니다."},
    "learn_gc_bad": {
        "en": "They disagree more than expected (a tiny gradient makes the "
              "relative error noisy; try the largest one).",
        "ko": "예상보다 차이가 큽니다(기울기가 아주 작으면 상대 오차가 "
              "불안정합니다. 가장 큰 기울기로 해 보세요).",
    },
    # several steps
    "learn_run_head": {"en": "4. Run many steps", "ko": "4. 여러 번 반복하기"},
    "learn_run_text": {
        "en": "Repeat the whole cycle on the same digit. The loss curve shows "
              "whether the steps help; the table follows one sample digit of "
              "each class, so you can see a change help this digit and "
              "perhaps hurt another. A refused step stops the run.",
        "ko": "같은 숫자로 전체 과정을 되풀이합니다. 손실 곡선은 걸음이 "
              "도움이 되는지 보여 주고, 표는 부류마다 예시 숫자 하나를 "
              "따라가므로 이 숫자에는 도움이 된 변화가 다른 숫자에는 해가 "
              "되는지 볼 수 있습니다. 거부된 걸음이 나오면 멈춥니다.",
    },
    "learn_run_n": {"en": "Steps", "ko": "반복 횟수"},
    "learn_run_btn": {"en": "▶️ Run N steps", "ko": "▶️ N번 실행"},
    "learn_run_done": {"en": "{n} steps applied.",
                       "ko": "{n}번 갱신했습니다."},
    "learn_run_loss": {"en": "loss on the chosen digit",
                       "ko": "고른 숫자의 손실"},
    "learn_run_pen": {"en": "its ten penalties (target thick)",
                      "ko": "열 개의 벌점 (정답은 굵게)"},
    "learn_run_step": {"en": "step", "ko": "걸음"},
    "learn_run_table": {
        "en": "Predictions after each step (✗ = wrong). Column 'chosen' is "
              "your digit; the others are fixed sample digits, headed by "
              "their true class.",
        "ko": "걸음마다의 예측(✗ = 틀림). '고른 숫자' 칸이 내 숫자이고, "
              "나머지는 고정된 예시 숫자로 머리에 실제 부류를 적었습니다.",
    },
    "learn_col_step": {"en": "step", "ko": "걸음"},
    "learn_col_chosen": {"en": "chosen", "ko": "고른 숫자"},
    "learn_col_true": {"en": "digit {label}", "ko": "{label}"},
}
