"""Why an uploaded weights file was refused (lenet/weights.py).

weights_err_<code> for each code in lenet.weights.REASONS.
"""

STRINGS = {
    "weights_err_not_npz_name": {
        "en": "only .npz weights files are opened, and this one ends in "
              "'{suffix}'. Files that can hold pickled code (.pkl, .pt, "
              ".joblib) are never opened.",
        "ko": ".npz 가중치 파일만 여는데, 이 파일은 '{suffix}'(으)로 "
              "끝납니다. 피클 코드가 들어 있을 수 있는 파일(.pkl, .pt, "
              ".joblib)은 열지 않습니다.",
    },
    "weights_err_file_too_big": {
        "en": "the file is {size:,} bytes; the limit is {limit:,}.",
        "ko": "파일 크기가 {size:,}바이트입니다. {limit:,}바이트까지 "
              "올릴 수 있습니다.",
    },
    "weights_err_empty": {
        "en": "the file is empty.",
        "ko": "파일이 비어 있습니다.",
    },
    "weights_err_not_zip": {
        "en": "this is not an .npz file (an .npz is a zip archive of arrays).",
        "ko": ".npz 파일이 아닙니다 (.npz는 배열을 묶은 zip 압축 "
              "파일입니다).",
    },
    "weights_err_broken_zip": {
        "en": "the zip archive is damaged or cut short.",
        "ko": "zip 압축 파일이 손상되었거나 잘렸습니다.",
    },
    "weights_err_member_too_big": {
        "en": "{member} would unpack to {size:,} bytes; no LeNet-5 array is "
              "that large.",
        "ko": "{member}을(를) 풀면 {size:,}바이트가 됩니다. 그렇게 큰 "
              "LeNet-5 배열은 없습니다.",
    },
    "weights_err_unexpected_member": {
        "en": "it holds {member}, which is not an array (.npy).",
        "ko": "배열(.npy)이 아닌 {member}이(가) 들어 있습니다.",
    },
    "weights_err_not_plain": {
        "en": "it holds pickled data or object arrays, which are never "
              "opened.",
        "ko": "피클 데이터나 객체 배열이 들어 있어 열지 않습니다.",
    },
    "weights_err_unreadable": {
        "en": "its arrays cannot be read (the file may be cut short).",
        "ko": "배열을 읽을 수 없습니다 (파일이 잘렸을 수 있습니다).",
    },
    "weights_err_bad_meta": {
        "en": "its description (__meta__) is not a JSON object.",
        "ko": "설명(__meta__)이 JSON 객체가 아닙니다.",
    },
    "weights_err_format_version": {
        "en": "it is in format version {version}; this app reads version "
              "{supported}.",
        "ko": "형식 버전이 {version}입니다. 이 앱은 버전 {supported}을(를) "
              "읽습니다.",
    },
    "weights_err_wrong_names": {
        "en": "its parameter names do not match LeNet-5: missing {missing}; "
              "not expected {unexpected}.",
        "ko": "파라미터 이름이 LeNet-5와 맞지 않습니다. 빠진 것: {missing}, "
              "있으면 안 되는 것: {unexpected}.",
    },
    "weights_err_not_float": {
        "en": "{name} holds {dtype} values; weights must be floating-point "
              "numbers.",
        "ko": "{name}의 값이 {dtype}입니다. 가중치는 부동소수점 수여야 "
              "합니다.",
    },
    "weights_err_wrong_shape": {
        "en": "{name} has the shape {got}; LeNet-5 needs {expected}.",
        "ko": "{name}의 모양이 {got}입니다. LeNet-5에는 {expected}이(가) "
              "필요합니다.",
    },
    "weights_err_not_finite": {
        "en": "{name} has {count} values that are not numbers (NaN or "
              "infinity).",
        "ko": "{name}에 수가 아닌 값(NaN 또는 무한대)이 {count}개 "
              "있습니다.",
    },
}
