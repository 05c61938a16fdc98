"""What reading an uploaded image did or why it failed (lenet/uploads.py).

upload_note_<code> for each Note code in lenet.uploads.NOTES,
upload_err_<code> for each UploadError code.
"""

STRINGS = {
    "upload_note_first_frame": {
        "en": "animated image: using the first frame",
        "ko": "움직이는 이미지: 첫 장면만 썼습니다",
    },
    "upload_note_exif_rotated": {
        "en": "rotated according to the photo's EXIF orientation",
        "ko": "사진의 EXIF 방향 정보대로 돌렸습니다",
    },
    "upload_note_one_bit": {
        "en": "1-bit image converted to grey",
        "ko": "1비트 이미지를 회색조로 바꿨습니다",
    },
    "upload_note_deep_grey": {
        "en": "{bits}-bit grey image scaled to 8 bits",
        "ko": "{bits}비트 회색조 이미지를 8비트로 바꿨습니다",
    },
    "upload_note_float_grey": {
        "en": "floating-point image scaled to 8 bits",
        "ko": "부동소수점 이미지를 8비트로 바꿨습니다",
    },
    "upload_note_cmyk": {
        "en": "CMYK image converted to RGB",
        "ko": "CMYK 이미지를 RGB로 바꿨습니다",
    },
    "upload_note_palette_alpha": {
        "en": "palette image with transparency kept as alpha",
        "ko": "팔레트 이미지의 투명도를 알파 채널로 "
              "살렸습니다",
    },
    "upload_note_palette": {
        "en": "palette image converted to RGB",
        "ko": "팔레트 이미지를 RGB로 바꿨습니다",
    },
    "upload_note_alpha": {
        "en": "{mode} image with transparency kept as alpha",
        "ko": "{mode} 이미지의 투명도를 알파 채널로 "
              "살렸습니다",
    },
    "upload_err_empty": {
        "en": "The file is empty (0 bytes).",
        "ko": "파일이 비어 있습니다 (0바이트).",
    },
    "upload_err_file_too_big": {
        "en": "The file is {size}; the limit is {limit}.",
        "ko": "파일 크기가 {size}입니다. "
              "{limit}까지 올릴 수 있습니다.",
    },
    "upload_err_too_many_pixels": {
        "en": "The image has far too many pixels to be read safely. Make it "
              "smaller (at most 4096x4096) and try again.",
        "ko": "이미지의 픽셀이 너무 많아 안전하게 "
              "읽을 수 없습니다. 4096x4096 이하로 "
              "줄여서 다시 올려 보세요.",
    },
    "upload_err_not_an_image": {
        "en": "This file is not an image that can be read ({formats}). Try a "
              "PNG or JPEG photo of a single digit.",
        "ko": "읽을 수 있는 이미지 파일이 아닙니다 "
              "({formats}). 숫자 하나를 찍은 PNG나 "
              "JPEG 사진으로 다시 해 보세요.",
    },
    "upload_err_corrupt": {
        "en": "The image data is damaged or cut off. Save the picture again "
              "and upload it once more.",
        "ko": "이미지 데이터가 손상되었거나 잘렸습니다. "
              "사진을 다시 저장해서 올려 보세요.",
    },
}
