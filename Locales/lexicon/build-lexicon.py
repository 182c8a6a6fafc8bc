#!/usr/bin/env python3
"""Builds Tend's medical word list and everyday word lists from public terminologies.

Sources (pinned; install with `pip install simple-icd-10-cm==1.5.0
drug-named-entity-recognition==2.0.9 wordfreq==3.1.1` in a virtual environment):

- ICD-10-CM (CDC/NCHS, public domain), code descriptions, as shipped in simple-icd-10-cm 1.5.0.
- Drug names and brand names (MedlinePlus, DrugBank, MeSH, Wikipedia), as shipped in
  drug-named-entity-recognition 2.0.9.
- Word frequencies (wordfreq 3.1.1, Robyn Speer, CC-BY-SA 4.0) for the everyday word lists and
  for telling an ordinary English word ("chest") from a medical one ("myasthenia").

Writes, each sorted by UTF-8 bytes, one word a line, normalised exactly as Tend's tokenizer
normalises a word (lowercase, accents folded, one plural ending stripped; see
Sources/TendCore/Language/TextTokens.swift), after a `#` header naming the sources:

- medical.txt          words that only medicine uses (diseases, drugs, devices, procedures)
- common-<lang>.txt    the language's everyday words (en, es, fr, vi), for telling a typo or
                       an ordinary word from an unknown term

Run from the repository root: python3 Locales/lexicon/build-lexicon.py
"""
import bz2
import os
import pickle
import re
import sys
import unicodedata

import simple_icd_10_cm as cm
import wordfreq
import drug_named_entity_recognition as dner

HERE = os.path.dirname(os.path.abspath(__file__))
SPECIAL = {"ß": "ss", "đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae",
           "œ": "oe", "Œ": "oe", "ł": "l", "Ł": "l"}


def fold(ch):
    """One character as TextTokens.fold gives it, or None for a non-letter."""
    o = ord(ch)
    if 97 <= o <= 122:
        return ch
    if 65 <= o <= 90:
        return ch.lower()
    if o < 0xC0:
        return None
    if ch in SPECIAL:
        return SPECIAL[ch]
    if not ch.isalpha():
        return None
    base = unicodedata.normalize("NFD", ch)[0]
    return base.lower()


def stem(word):
    """TextTokens.stem: strips one plural ending."""
    if not word.endswith("s") or len(word) <= 3:
        return word
    n = len(word)
    p = word[-2]
    if n > 4 and p == "e":
        b = word[-3]
        if b == "i":
            return word[:-3] + "y"
        if b == "x" or (b == "h" and word[-4] in "cs") or (b == "s" and word[-4] == "s"):
            return word[:-2]
    if p in "sui":
        return word
    return word[:-1]


def words(text):
    """Letter runs, apostrophes inside words dropped, each folded and stemmed."""
    out, cur = [], []
    chars = list(text)
    for i, ch in enumerate(chars):
        f = fold(ch)
        if f is not None and not (0x4E00 <= ord(ch) <= 0x9FFF):
            cur.append(f)
        elif ch in "'\u2019" and cur and i + 1 < len(chars) and fold(chars[i + 1]):
            continue
        else:
            if cur:
                out.append(stem("".join(cur)))
            cur = []
    if cur:
        out.append(stem("".join(cur)))
    return out


def zipf(word, lang="en"):
    return wordfreq.zipf_frequency(word, lang)


# Words so general that no single one marks a text as medical, even where a terminology uses it.
GENERAL = set(words("""
acute chronic left right upper lower other unspecified specified without with due elsewhere
classified type initial subsequent encounter sequela part site multiple single bilateral
unilateral closed open displaced nondisplaced routine healing delayed nonunion malunion
fracture injury disorder disease syndrome condition complication history personal family
status finding abnormal normal level screening examination contact exposure care person
patient child adult newborn pregnancy pregnant delivery trimester weeks week month year
minor major moderate severe mild primary secondary unknown total partial simple complex
""")) 


def medical_words():
    terms = set()
    for code in cm.get_all_codes(False):
        # Chapters 20 and 21 (V00-Z99: external causes, reasons for contact) describe
        # everyday life ("struck by a door", "living alone"), not medicine.
        if code[0] in "VWXYZ" or not code[0].isalpha():
            continue
        for w in words(cm.get_description(code)):
            terms.add(w)
    path = os.path.join(os.path.dirname(dner.__file__), "drug_ner_dictionary.pkl.bz2")
    drugs = pickle.load(bz2.open(path))["drug_variant_to_canonical"]
    drug_words = set()
    for name in drugs:
        for w in words(name):
            drug_words.add(w)
    keep = set()
    for w in terms:
        if len(w) >= 5 and w not in GENERAL and zipf(w) < 2.8:
            keep.add(w)
    for w in drug_words:
        if len(w) >= 5 and w not in GENERAL and zipf(w) < 3.2:
            keep.add(w)
    return keep


def common_words(lang, count, floor):
    """The language's most frequent words, at most `count`, none rarer than Zipf `floor`."""
    out = set()
    for w in wordfreq.top_n_list(lang, count * 2):
        if zipf(w, lang) < floor:
            break
        ws = words(w)
        if len(ws) == 1 and len(ws[0]) >= 2:
            out.add(ws[0])
        if len(out) >= count:
            break
    return out


def write(name, items, header):
    lines = sorted(items, key=lambda s: s.encode("utf-8"))
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        f.write("# " + header + "\n")
        for line in lines:
            f.write(line + "\n")
    print(name, len(lines), file=sys.stderr)


def main():
    versions = "simple-icd-10-cm 1.5.0 (ICD-10-CM), drug-named-entity-recognition 2.0.9, wordfreq 3.1.1"
    medical = medical_words()
    write("medical.txt", medical,
          "Medical words from ICD-10-CM descriptions and drug names; built by build-lexicon.py from " + versions)
    for lang in ["en", "es", "fr", "vi"]:
        # English down to Zipf 1.5 (about once in 30 million words: "secateurs"); the others
        # have smaller lists in wordfreq, so their top 100,000.
        common = common_words(lang, 250000 if lang == "en" else 100000, 1.5 if lang == "en" else 0)
        if lang == "en":
            common -= medical
        write("common-%s.txt" % lang, common,
              "Everyday %s words (wordfreq top list); built by build-lexicon.py from %s" % (lang, versions))


if __name__ == "__main__":
    main()
