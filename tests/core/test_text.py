from smartcity.core.text import search_document, search_filter, segment


def test_segment_splits_thai_words_without_spaces():
    assert segment("เมืองอัจฉริยะจังหวัดพิษณุโลก") == ["เมือง", "อัจฉริยะ", "จังหวัด", "พิษณุโลก"]


def test_segment_lowercases_english_and_drops_punctuation():
    assert segment("Chachoengsao: Livable, Visit-worthy") == [
        "chachoengsao",
        "livable",
        "visit",
        "worthy",
    ]


def test_search_document_keeps_each_word_once_framed_by_spaces():
    document = search_document("ภูเก็ตเมืองอัจฉริยะ", "ภูเก็ต", "Phuket Smart City")
    assert document == " ภูเก็ต เมือง อัจฉริยะ phuket smart city "


def test_search_filter_of_blank_query_is_none():
    assert search_filter("   ") is None
