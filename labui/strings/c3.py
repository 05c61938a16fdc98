"""Text of "The C3 table" page."""

STRINGS = {
    "c3_intro": {
        "en": "C3 has 16 maps, and S2 below it has 6. The paper does not "
              "connect every C3 map to every S2 map: this table (Table I of "
              "the paper) says which S2 maps (rows) feed which C3 map "
              "(columns). A filled square is a link, and every link is one "
              "5x5 kernel.",
        "ko": "C3에는 맵이 16개, 그 아래 S2에는 6개가 있습니다. 논문은 모든 "
              "C3 맵을 모든 S2 맵에 잇지 않습니다. 이 표(논문의 표 I)는 어떤 "
              "S2 맵(행)이 어떤 C3 맵(열)에 들어가는지 보여 줍니다. 채워진 "
              "칸이 연결이고, 연결 하나가 5x5 커널 하나입니다.",
    },
    "c3_table_title": {
        "en": "Table I: S2 maps (rows) feeding C3 maps (columns)",
        "ko": "표 I: C3 맵(열)에 들어가는 S2 맵(행)",
    },
    "c3_click_hint": {
        "en": "Click a square of the table, or choose a map below.",
        "ko": "표의 칸을 누르거나 아래에서 맵을 고르세요.",
    },
    "c3_pick": {"en": "C3 map", "ko": "C3 맵"},
    "c3_pick_option": {
        "en": "map {m} ← S2 {inputs}", "ko": "맵 {m} ← S2 {inputs}",
    },
    "c3_link": {"en": "link", "ko": "연결"},
    "c3_no_link": {"en": "no link", "ko": "연결 없음"},
    "c3_chosen": {
        "en": "C3 map {m} reads S2 maps {inputs} ({n} of 6), so it has {n} "
              "kernels of 5x5, {w} weights and 1 bias.",
        "ko": "C3 맵 {m}은 S2 맵 {inputs}(6개 중 {n}개)를 읽습니다. 그래서 "
              "5x5 커널 {n}개, 가중치 {w}개, 편향 1개를 가집니다.",
    },
    "c3_inputs_title": {
        "en": "What feeds C3 map {m}: S2 maps {inputs} for your digit",
        "ko": "C3 맵 {m}에 들어가는 것: 이 숫자의 S2 맵 {inputs}",
    },
    "c3_kernels_title": {
        "en": "Its {n} kernels, one per S2 map",
        "ko": "그 맵의 커널 {n}개 (S2 맵마다 하나)",
    },
    "c3_output_title": {
        "en": "C3 map {m} for your digit (10x10)",
        "ko": "이 숫자에 대한 C3 맵 {m} (10x10)",
    },
    "c3_output_text": {
        "en": "Each unit of this map adds up its kernels applied to the same "
              "5x5 spot of each wired S2 map, adds the bias and squashes. "
              "Bright units are where this combination of features is found.",
        "ko": "이 맵의 각 유닛은 연결된 S2 맵마다 같은 5x5 위치에 커널을 "
              "적용한 값을 모두 더하고, 편향을 더한 뒤 압축합니다. 밝은 "
              "유닛이 이 특징 조합이 발견된 곳입니다.",
    },
    "c3_why_header": {"en": "Why so few links?", "ko": "왜 연결이 적을까?"},
    "c3_why": {
        "en": "The paper gives two reasons. **Fewer connections**: the table "
              "has {links} links where a full one would have {full_links}, "
              "so C3 has {params:,} parameters instead of {full_params:,} "
              "({maps} biases + {kk} × links), {saved:.0f} % fewer, and "
              "{conns:,} connections instead of {full_conns:,}. **Broken "
              "symmetry**: if every C3 map saw exactly the same inputs, many "
              "of them could end up learning the same feature. Giving each map "
              "a different set of inputs forces the maps to learn different, "
              "complementary features.",
        "ko": "논문은 두 가지 이유를 듭니다. **연결 수 줄이기**: 완전히 "
              "이으면 연결이 {full_links}개지만 이 표는 {links}개뿐이라, C3의 "
              "파라미터는 {full_params:,}개가 아니라 {params:,}개(편향 {maps}개 + "
              "{kk} × 연결 수)로 {saved:.0f} % 적고, 연결은 {full_conns:,}개 대신 "
              "{conns:,}개입니다. **대칭 깨기**: 모든 C3 맵이 똑같은 입력을 "
              "보면 여러 맵이 같은 특징을 배우게 될 수 있습니다. 맵마다 "
              "다른 입력 묶음을 주면 서로 다르고 보완적인 특징을 배울 "
              "수밖에 없습니다.",
    },
    "c3_groups_header": {
        "en": "The pattern in the table", "ko": "표에 숨은 규칙",
    },
    "c3_group": {
        "en": "Maps {first}-{last} each read {n} {kind} S2 maps.",
        "ko": "맵 {first}-{last}은 각각 {kind} S2 맵 {n}개를 읽습니다.",
    },
    "c3_group_one": {
        "en": "Map {first} reads all {n} S2 maps.",
        "ko": "맵 {first}은 S2 맵 {n}개 전부를 읽습니다.",
    },
    "c3_contiguous": {"en": "neighbouring", "ko": "이웃한"},
    "c3_not_contiguous": {"en": "non-neighbouring", "ko": "떨어져 있는"},
    "c3_groups_note": {
        "en": "“Neighbouring” goes round: S2 map 5 counts as next to map 0, "
              "so map 4 reading S2 4, 5 and 0 is a neighbouring triple.",
        "ko": "“이웃한”은 한 바퀴 돌아서 셉니다. S2 맵 5는 맵 0의 "
              "이웃이므로, S2 4, 5, 0을 읽는 맵 4도 이웃한 세 개를 읽는 "
              "셈입니다.",
    },
}
