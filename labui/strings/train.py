STRINGS = {
    "train_intro": {
        "en": "Here you train LeNet-5 yourself. The network looks at a "
              "training digit, measures how far its ten penalties are from "
              "the right answer (the loss), sends that error backwards "
              "through every layer and moves each of its 60,000 weights a "
              "little in the direction that lowers the loss. Repeat that "
              "for thousands of digits and the filters you saw on the other "
              "pages appear by themselves.",
        "ko": "여기서는 LeNet-5를 직접 학습시킵니다. 신경망은 학습용 숫자 "
              "하나를 보고, 열 개의 벌점이 정답에서 얼마나 "
              "벗어났는지(손실)를 잰 뒤, 그 오차를 모든 층으로 거꾸로 "
              "전달해 60,000개의 가중치를 손실이 줄어드는 쪽으로 조금씩 "
              "옮깁니다. 이것을 숫자 수천 개에 반복하면 다른 페이지에서 "
              "본 필터들이 저절로 생겨납니다.",
    },
    "train_recipe_head": {"en": "How the paper trains", "ko": "논문의 학습 방법"},
    "train_recipe_text": {
        "en": "The paper uses SDLM (stochastic diagonal Levenberg-Marquardt): "
              "every weight gets its own step size, a global learning rate η "
              "divided by μ + h, where h estimates how sharply the loss "
              "curves along that weight. h is re-estimated on 500 digits "
              "before each pass, so steep weights move carefully and flat "
              "ones move boldly. A pass is one trip through all training "
              "digits. η shrinks as training goes on, so early passes make "
              "big moves and later passes only polish:",
        "ko": "논문은 SDLM(확률적 대각 레벤버그-마쿼트)을 씁니다. "
              "가중치마다 보폭이 따로 있는데, 전체 학습률 η를 μ + h로 나눈 "
              "값입니다. h는 그 가중치 방향으로 손실이 얼마나 가파르게 "
              "휘는지 추정한 값으로, 매 패스 전에 숫자 500개로 새로 "
              "추정합니다. 그래서 가파른 가중치는 조심스럽게, 평평한 "
              "가중치는 과감하게 움직입니다. 패스는 학습용 숫자 전체를 한 "
              "번 훑는 것입니다. η는 학습이 진행될수록 작아져서, 초반 "
              "패스는 크게 움직이고 후반 패스는 다듬기만 합니다:",
    },
    "train_eta_range": {
        "en": "passes {first}-{last}: η = {eta}",
        "ko": "패스 {first}-{last}: η = {eta}",
    },
    "train_eta_after": {
        "en": "pass {first} and later: η = {eta}",
        "ko": "패스 {first} 이후: η = {eta}",
    },
    "train_recipe_kinds": {
        "en": "**paper** updates the weights after every single digit, as in "
              "1998. **fast** averages the gradient over {batch} digits per "
              "step, which a modern processor computes much faster per "
              "digit. **distorted** is the paper's second experiment: each "
              "time a digit is seen it is shifted, scaled, squeezed and "
              "sheared a little at random, and each learning rate lasts "
              "twice as many passes. The **learning-rate scale** multiplies the whole "
              "schedule: too large and the loss explodes, too small and the "
              "weights hardly move. Its default is the value calibrated for "
              "this engine on MNIST; on the 200 sample digits, where a run "
              "makes far fewer steps, it starts larger.",
        "ko": "**논문대로**는 1998년처럼 숫자 하나마다 가중치를 고칩니다. "
              "**빠르게**는 한 걸음에 숫자 {batch}개의 기울기를 "
              "평균내므로, 요즘 "
              "프로세서에서 숫자당 훨씬 빨리 계산됩니다. **변형 데이터**는 "
              "논문의 두 번째 실험으로, 숫자를 볼 때마다 무작위로 조금씩 "
              "옮기고, 크기를 바꾸고, 찌그러뜨리고, 기울이며, 학습률마다 "
              "패스를 두 배로 씁니다. **학습률 배율**은 "
              "일정표 전체에 곱해집니다. 너무 크면 손실이 폭발하고, 너무 "
              "작으면 가중치가 거의 움직이지 않습니다. 기본값은 이 엔진에 "
              "맞춰 MNIST로 보정한 값이고, 걸음 수가 훨씬 적은 예시 숫자 "
              "200개에서는 더 크게 시작합니다.",
    },
    "train_settings": {"en": "Settings", "ko": "설정"},
    "train_start_from": {"en": "Start from", "ko": "시작점"},
    "train_scratch": {"en": "random weights (from scratch)",
                      "ko": "무작위 가중치 (처음부터)"},
    "train_finetune": {"en": "my current model (fine-tune)",
                       "ko": "지금 내 모델 (미세 조정)"},
    "train_start_help": {
        "en": "Training always works on a copy: your model changes only when "
              "you press “Use this model” afterwards.",
        "ko": "학습은 항상 사본으로 합니다. 끝난 뒤 “이 모델 쓰기”를 "
              "눌러야만 내 모델이 바뀝니다.",
    },
    "train_data": {"en": "Digits", "ko": "숫자 데이터"},
    "train_data_sample": {
        "en": "the 300 sample digits shipped with the app",
        "ko": "앱에 들어 있는 예시 숫자 300개",
    },
    "train_data_folder": {"en": "MNIST files in a folder on the server",
                          "ko": "서버 폴더의 MNIST 파일"},
    "train_sample_note": {
        "en": "20 of each digit (200) train; the other 10 of each (100) are "
              "held out: the network never learns from them, so their error "
              "shows how well it generalises.",
        "ko": "숫자마다 20개(모두 200개)로 학습하고, 나머지 숫자마다 "
              "10개(100개)는 따로 둡니다. 신경망은 이 숫자들로 배우지 "
              "않으므로, 이들의 오류율이 처음 보는 숫자에 얼마나 잘 "
              "맞는지를 보여 줍니다.",
    },
    "train_folder_none": {
        "en": "This server has no MNIST folder. The teacher can start the app "
              "with LENET_MNIST_DIR set to a folder holding the four MNIST "
              "files (train-images-idx3-ubyte, train-labels-idx1-ubyte, "
              "t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, each "
              "optionally .gz).",
        "ko": "이 서버에는 MNIST 폴더가 없습니다. 교사가 MNIST 파일 네 개"
              "(train-images-idx3-ubyte, train-labels-idx1-ubyte, "
              "t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, 각각 .gz도 "
              "가능)가 있는 폴더를 LENET_MNIST_DIR로 지정해 앱을 시작하면 "
              "됩니다.",
    },
    "train_folder_bad": {"en": "The server's MNIST folder cannot be used: "
                               "{error}",
                         "ko": "서버의 MNIST 폴더를 쓸 수 없습니다: {error}"},
    "train_folder_ok": {
        "en": "{n_train:,} training digits. After each pass the network is "
              "tested on the first {n_test:,} of the 10,000 test digits, "
              "which it never trains on.",
        "ko": "학습용 숫자 {n_train:,}개. 매 패스가 끝나면 학습에 쓰지 않는 "
              "시험 숫자 10,000개 중 처음 {n_test:,}개로 시험합니다.",
    },
    "train_recipe": {"en": "Recipe", "ko": "학습 방법"},
    "train_recipe_paper": {"en": "paper", "ko": "논문대로"},
    "train_recipe_fast": {"en": "fast", "ko": "빠르게"},
    "train_recipe_distorted": {"en": "distorted", "ko": "변형 데이터"},
    "train_few_steps": {
        "en": "With these digits a pass is only {steps} steps of {batch} "
              "digits: too few for the network to learn much. Choose the "
              "paper or distorted recipe, which take a step after every "
              "digit, or train on thousands of digits from the MNIST "
              "folder.",
        "ko": "이 숫자들로는 한 패스가 숫자 {batch}개씩 {steps}걸음뿐이라, "
              "신경망이 배우기에 너무 적습니다. 숫자 하나마다 한 걸음씩 "
              "가는 논문대로나 변형 데이터 방법을 고르거나, MNIST 폴더의 "
              "숫자 수천 개로 학습하세요.",
    },
    "train_passes": {"en": "Passes", "ko": "패스 수"},
    "train_eta_scale": {"en": "Learning-rate scale",
                        "ko": "학습률 배율"},
    "train_limit": {"en": "Training digits (at most)",
                    "ko": "학습용 숫자 수 (최대)"},
    "train_limit_help": {
        "en": "Fewer digits train faster: a few thousand take about a "
              "minute with the fast recipe.",
        "ko": "숫자가 적을수록 빨리 끝납니다. fast 방법으로 수천 개면 1분 "
              "정도 걸립니다.",
    },
    "train_start": {"en": "▶️ Start training", "ko": "▶️ 학습 시작"},
    "train_busy": {
        "en": "The server is busy: {n} other training runs are going on. "
              "Please try again in a minute.",
        "ko": "서버가 바쁩니다. 다른 학습 {n}개가 진행 중입니다. 1분 뒤에 "
              "다시 시도해 주세요.",
    },
    "train_progress": {"en": "Progress", "ko": "진행 상황"},
    "train_waiting": {"en": "Estimating the curvature h on the first digits…",
                      "ko": "첫 숫자들로 곡률 h를 추정하는 중…"},
    "train_stop": {"en": "⏹️ Stop", "ko": "⏹️ 멈추기"},
    "train_stopping": {
        "en": "Stopping after the current step…",
        "ko": "지금 걸음을 마치고 멈추는 중…",
    },
    "train_running_note": {
        "en": "Training runs on the server in the background; you may look "
              "at other pages meanwhile and come back.",
        "ko": "학습은 서버에서 백그라운드로 진행됩니다. 그동안 다른 "
              "페이지를 보고 돌아와도 됩니다.",
    },
    "train_curves_text": {
        "en": "The loss should fall. The red line is the error on held-out "
              "digits the network never trains on: if it stops falling while "
              "the training error keeps falling, the network is memorising "
              "its few training digits instead of learning digits in general.",
        "ko": "손실은 내려가야 합니다. 빨간 선은 학습에 쓰지 않은 숫자의 "
              "오류율입니다. 학습 오류는 계속 내려가는데 이 선이 "
              "멈춘다면, 신경망이 숫자 일반을 배우는 대신 몇 안 되는 "
              "학습용 숫자를 외우고 있는 것입니다.",
    },
    "train_plot_loss_title": {"en": "Training loss", "ko": "학습 손실"},
    "train_plot_error_title": {"en": "Error (%)", "ko": "오류율 (%)"},
    "train_plot_digits_seen": {"en": "training digits seen",
                         "ko": "본 학습용 숫자 수"},
    "train_plot_passes": {"en": "passes", "ko": "패스"},
    "train_plot_loss": {"en": "loss", "ko": "손실"},
    "train_plot_train_error": {"en": "training error", "ko": "학습 오류율"},
    "train_plot_test_error": {"en": "test error (held out)",
                        "ko": "시험 오류율 (따로 둔 숫자)"},
    "train_plot_true": {"en": "true digit", "ko": "실제 숫자"},
    "train_plot_predicted": {"en": "predicted", "ko": "예측"},
    "train_plot_count": {"en": "digits", "ko": "개수"},
    "train_done": {
        "en": "Finished: {seen:,} training digits in {seconds:.0f} s. "
              "Test error {error:.1f} % on {n} held-out digits.",
        "ko": "완료: 학습용 숫자 {seen:,}개를 {seconds:.0f}초 동안 학습. "
              "따로 둔 숫자 {n}개에서 시험 오류율 {error:.1f} %.",
    },
    "train_stopped": {
        "en": "Stopped after {seen:,} training digits; the model is the one "
              "after the last complete step. Test error {error:.1f} % on {n} "
              "held-out digits.",
        "ko": "학습용 숫자 {seen:,}개 뒤에 멈췄습니다. 모델은 마지막으로 "
              "끝난 걸음 직후의 상태입니다. 따로 둔 숫자 {n}개에서 시험 "
              "오류율 {error:.1f} %.",
    },
    "train_failed": {
        "en": "Training failed, nothing was changed: {error}. A smaller "
              "learning-rate scale usually helps.",
        "ko": "학습에 실패했고, 아무것도 바뀌지 않았습니다: {error}. 학습률 "
              "배율을 줄이면 대개 해결됩니다.",
    },
    "train_apply": {"en": "✅ Use this model", "ko": "✅ 이 모델 쓰기"},
    "train_applied": {
        "en": "This model is now your model on every page.",
        "ko": "이제 모든 페이지에서 이 모델이 내 모델입니다.",
    },
    "train_discard": {"en": "🗑️ Discard", "ko": "🗑️ 버리기"},
    "train_confusion_head": {"en": "Confusion matrix",
                             "ko": "혼동 행렬"},
    "train_confusion_text": {
        "en": "Each row is a true digit, each column the digit the network "
              "answered. The diagonal counts the right answers; every number "
              "off the diagonal is a mistake, e.g. a 4 taken for a 9.",
        "ko": "각 행은 실제 숫자, 각 열은 신경망이 답한 숫자입니다. "
              "대각선은 맞힌 개수이고, 대각선 밖의 숫자는 모두 "
              "실수입니다. 예를 들어 4를 9로 본 경우입니다.",
    },
    "train_wrong_head": {"en": "Misclassified test digits",
                         "ko": "잘못 분류한 시험 숫자"},
    "train_wrong_text": {
        "en": "Open one to see, layer by layer, why the network got it "
              "wrong (with the model you just trained, once you use it).",
        "ko": "하나를 열면 신경망이 왜 틀렸는지 층마다 볼 수 있습니다 "
              "(방금 학습한 모델을 쓰기로 한 뒤라면 그 모델로).",
    },
    "train_wrong_more": {"en": "…and {n} more.", "ko": "…그리고 {n}개 더."},
    "train_wrong_none": {"en": "No mistakes on the held-out digits.",
                         "ko": "따로 둔 숫자에서 틀린 것이 없습니다."},
    "train_wrong_caption": {"en": "{true} → {pred}", "ko": "{true} → {pred}"},
    "train_open": {"en": "🔍 open", "ko": "🔍 열기"},
    "train_file_head": {"en": "Your model as a file",
                        "ko": "내 모델을 파일로"},
    "train_file_text": {
        "en": "Download your current model as a .npz file (plain arrays, "
              "about 250 KB) or load one saved earlier. Only .npz files are "
              "accepted: other formats such as .pkl can run code when "
              "opened, so they are refused unread.",
        "ko": "지금 내 모델을 .npz 파일(순수 배열, 약 250 KB)로 내려받거나, "
              "예전에 저장한 파일을 불러옵니다. .npz 파일만 받습니다. .pkl "
              "같은 다른 형식은 여는 순간 코드가 실행될 수 있어서 읽지 "
              "않고 거절합니다.",
    },
    "train_download": {"en": "⬇️ Download my model (.npz)",
                       "ko": "⬇️ 내 모델 내려받기 (.npz)"},
    "train_upload": {"en": "Load a model (.npz)", "ko": "모델 불러오기 (.npz)"},
    "train_upload_limits": {
        "en": "A weights file saved by this app (.npz), up to {mb} MB.",
        "ko": "이 앱이 저장한 가중치 파일(.npz), {mb}MB까지.",
    },
    "train_upload_ok": {
        "en": "Loaded {name}: it is now your model on every page.",
        "ko": "{name}을(를) 불러왔습니다. 이제 모든 페이지에서 내 "
              "모델입니다.",
    },
    "train_upload_bad": {
        "en": "{name} was refused, your model is unchanged: {error}",
        "ko": "{name}은(는) 거절되었고, 내 모델은 그대로입니다: {error}",
    },
    "train_reset": {"en": "↩️ Back to the shipped model",
                    "ko": "↩️ 기본 제공 모델로 되돌리기"},
}
