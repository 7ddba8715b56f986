from __future__ import annotations

from builder.collation import group_by_initial, initial, sort_key
from builder.sources.project import DEFAULT_ALPHABET, Language

PL = Language("pl", tuple("aąbcćdeęfghijklłmnńoóprsśtuwyzźż"))
DA = Language("da", tuple("abcdefghijklmnopqrstuvwxyzæøå"))
EN = Language("en", DEFAULT_ALPHABET)


def ordered(lang: Language, words: list[str]) -> list[str]:
    return sorted(words, key=lambda w: sort_key(lang, w))


def test_polish_letters_follow_their_base_letters() -> None:
    assert ordered(PL, ["łódź", "lojalność", "mleko", "lampa"]) == [
        "lampa", "lojalność", "łódź", "mleko"]
    assert ordered(PL, ["śliwka", "sok", "tort", "szum"]) == ["sok", "szum", "śliwka", "tort"]
    assert ordered(PL, ["żaba", "źródło", "zebra"]) == ["zebra", "źródło", "żaba"]
    # Inside a word too: "dysonans pozakupowy" before "dysonans poznawczy", ć after c.
    assert ordered(PL, ["ćma", "cud", "dysonans poznawczy", "dysonans pozakupowy"]) == [
        "cud", "ćma", "dysonans pozakupowy", "dysonans poznawczy"]


def test_danish_letters_come_after_z() -> None:
    assert ordered(DA, ["ål", "æble", "zebra", "ørred", "abe"]) == [
        "abe", "zebra", "æble", "ørred", "ål"]
    assert ordered(DA, ["båd", "blomme", "bæver"]) == ["blomme", "bæver", "båd"]


def test_other_accents_fold_to_the_base_letter_and_case_only_breaks_ties() -> None:
    assert ordered(EN, ["éclair", "Zoo", "apple", "Eel", "eel", "ecu"]) == [
        "apple", "éclair", "ecu", "eel", "Eel", "Zoo"]
    assert ordered(EN, ["résumé", "resume", "Resume"]) == ["resume", "Resume", "résumé"]
    # In English, ł and å are not letters of their own.
    assert initial(EN, "łódź") == "L"
    assert initial(EN, "Ålborg") == "A"


def test_initials_and_groups() -> None:
    assert initial(PL, "Łódź") == "Ł"
    assert initial(DA, "æble") == "Æ"
    assert initial(EN, "24 hours") == "#"
    groups = group_by_initial(PL, ["łódź", "lampa", "śliwka", "sok", "jabłko"], key=str)
    assert groups == [("J", ["jabłko"]), ("L", ["lampa"]), ("Ł", ["łódź"]),
                      ("S", ["sok"]), ("Ś", ["śliwka"])]


def test_spaces_and_punctuation_are_ignored_at_the_first_level() -> None:
    assert ordered(EN, ["buyer's remorse", "buyers club", "buyer remorse"]) == [
        "buyer remorse", "buyers club", "buyer's remorse"]
