"""Frozen splits: examples written after a split was published never leak into evaluation."""

from __future__ import annotations

import numpy as np

from parley.analysis._corpus import Example
from parley.analysis._split import EXCLUDED, extend


def _ex(id_: str, text: str) -> Example:
    return Example(id_, text, (), ("paraphrasing",))


def test_published_assignment_is_kept_and_new_examples_train_or_are_excluded() -> None:
    examples = [_ex("a", "You lost the job."), _ex("b", "What happened?"),
                _ex("c", "Go on."), _ex("new-far", "Is anyone hurt?"),
                _ex("new-near", "What happened?!"), _ex("new-close", "What happened")]
    vectors = np.eye(6, dtype=np.float32)
    vectors[5] = vectors[1]  # embedding-identical to the dev example "b"
    frozen = {"a": "train", "b": "dev", "c": "test"}
    out = extend(frozen, examples, vectors, threshold=0.92)
    assert {k: out[k] for k in frozen} == frozen
    assert out["new-far"] == "train"
    assert out["new-near"] == EXCLUDED  # same normalised text as a dev example
    assert out["new-close"] == EXCLUDED  # cosine 1.0 to a dev example


def test_near_duplicates_of_training_examples_still_train() -> None:
    examples = [_ex("a", "You lost the job."), _ex("new", "You lost the job!")]
    vectors = np.eye(2, dtype=np.float32)
    assert extend({"a": "train"}, examples, vectors)["new"] == "train"


def test_corpus_files_name_duplicate_ids_and_bad_bytes(tmp_path) -> None:
    import json

    import pytest

    from parley.analysis._corpus import load_examples
    from parley.errors import InputError

    line = json.dumps({"id": "a-1", "text": "Go on.", "labels": ["minimal_encourager"]})
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    one.write_text(line + "\n", encoding="utf-8")
    two.write_text("\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"two.jsonl:2: id 'a-1' already used at .*one.jsonl:1"):
        load_examples([one, two])
    two.write_bytes(b"\n\xff\xfe\n")
    with pytest.raises(InputError, match=r"two.jsonl:2: not UTF-8"):
        load_examples([two])


def test_error_threshold_asks_dev_for_a_standard_error_more_than_the_target() -> None:
    from parley.analysis._classifier import choose_thresholds
    from parley.analysis._training import ERROR_RECALL_TARGET, error_dev_recall

    # 100 dev error labels: 0.9 + sqrt(0.9 * 0.1 / 100) = 0.93.
    dev = [Example(str(i), "x", (), ("arguing", "judging")) for i in range(50)]
    assert error_dev_recall(dev) == 0.93
    # Fewer labels, wider margin; turns without errors add nothing.
    few = dev[:5] + [_ex("p", "Go on.")] * 20
    assert error_dev_recall(few) == round(ERROR_RECALL_TARGET + 0.3 / 10 ** 0.5, 3)
    # The margin lowers the threshold. An error column whose 100 positives rise from 0.01
    # to 1.00 (100 negatives at 0), beside a skill column that is best cut above 0.4:
    # the higher the dev recall asked for, the lower the threshold, and it is reached.
    proba = np.zeros((200, 2), dtype=np.float32)
    proba[:100, 0] = np.linspace(0.01, 1.0, 100)
    proba[:, 1] = np.r_[np.full(100, 0.9), np.full(100, 0.4)]
    labels = np.r_[np.ones((100, 2)), np.zeros((100, 2))].astype(np.float32)
    errors = np.array([True, False])
    plain = choose_thresholds(proba, labels, errors, 0.9)
    margin = choose_thresholds(proba, labels, errors, error_dev_recall(dev))
    assert margin[0] < plain[0] and margin[1] == plain[1] > 0.4
    assert np.mean(proba[:100, 0] >= plain[0]) >= 0.9
    assert np.mean(proba[:100, 0] >= margin[0]) >= 0.93


def _write(path, records) -> None:
    import json

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")


def _rec(id_: str, text: str, label: str, lang: str = "en") -> dict[str, object]:
    return {"id": id_, "text": text, "labels": [label], "lang": lang,
            "context": [{"speaker": "subject", "text": "Leave me alone."}]}


def test_adapted_turns_train_unless_near_a_held_out_turn(tmp_path) -> None:
    import json

    import pytest

    from parley.analysis._embed import CachedEmbedder, get_embedder
    from parley.analysis._training import make_split
    from parley.errors import InputError

    root = tmp_path / "corpus"
    _write(root / "en" / "a.jsonl", [
        _rec("e1", "You sound exhausted.", "emotional_labeling"),
        _rec("e2", "What happened this morning at the depot?", "open_question"),
        _rec("e3", "Nobody is coming through that door while we talk.", "reassurance")])
    (root / "splits.json").write_text(json.dumps({
        "seed": 13, "threshold": 0.92, "clusters": 3, "largest_cluster": 1,
        "counts": {}, "splits": {"e1": "train", "e2": "dev", "e3": "test"}}))
    _write(root / "ru" / "ru.jsonl", [_rec("r1", "Тебе очень одиноко.", "emotional_labeling",
                                           "ru")])
    _write(root / "kk" / "kk.jsonl", [_rec("k1", "Сіз қатты шаршадыңыз.",
                                           "emotional_labeling", "kk")])
    _write(root / "adapted" / "ru-train-01.jsonl", [
        _rec("a1", "Ты, похоже, совсем без сил.", "emotional_labeling", "ru"),
        _rec("a2", "What happened this morning at the depot?", "open_question", "ru"),
        _rec("a3", "Тебе очень одиноко!", "emotional_labeling", "ru"),
        _rec("a4", "Сен қатты ашуланып тұрсың.", "emotional_labeling", "kk")])
    embedder = CachedEmbedder(get_embedder("use"))
    corpus = make_split(root, embedder)
    assert corpus.assignment["a1"] == "train"
    assert corpus.assignment["a2"] == EXCLUDED  # the same words as an English dev turn
    assert corpus.assignment["a3"] == EXCLUDED  # the same words as a Russian test turn
    assert [e.id for e in corpus.part("train")] == ["e1", "a1"]
    assert [e.id for e in corpus.part("train-kk")] == ["a4"]
    assert [e.id for e in corpus.part("test")] == ["e3"]
    assert corpus.record["adapted"] == {"kk": {"train": 1, EXCLUDED: 0},
                                        "ru": {"train": 1, EXCLUDED: 2}}
    assert "corpus/adapted/ru-train-01.jsonl" in corpus.record["files"]
    assert "corpus/kk/kk.jsonl" in corpus.record["files"]  # it decides exclusions too
    from typer.testing import CliRunner

    from parley.cli import app

    said = CliRunner().invoke(app, ["analysis", "split", "--corpus", str(root)])
    assert said.exit_code == 0, said.output
    assert "adapted kk: train 1, excluded 0; adapted ru: train 1, excluded 2" in said.output
    _write(root / "adapted" / "ru-train-02.jsonl", [_rec("r1", "Что случилось?",
                                                         "open_question", "ru")])
    with pytest.raises(InputError, match="'r1' is already used"):
        make_split(root, embedder)
    refused = CliRunner().invoke(app, ["analysis", "split", "--corpus", str(root)])
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    assert "ru-train-02.jsonl:1: id 'r1' is already used" in refused.output


def test_adapted_turns_are_checked_and_one_from_a_held_out_turn_never_trains(tmp_path) -> None:
    import json
    import os

    import pytest

    from parley.analysis._embed import CachedEmbedder, get_embedder
    from parley.analysis._training import make_split
    from parley.errors import InputError

    root = tmp_path / "corpus"
    _write(root / "en" / "a.jsonl", [
        _rec("e1", "You sound exhausted.", "emotional_labeling"),
        _rec("e2", "What happened this morning at the depot?", "open_question")])
    (root / "splits.json").write_text(json.dumps({
        "seed": 13, "threshold": 0.92, "clusters": 2, "largest_cluster": 1,
        "counts": {}, "splits": {"e1": "train", "e2": "test"}}))
    embedder = CachedEmbedder(get_embedder("use"))
    adapted = root / "adapted" / "ru-train-01.jsonl"
    translation = _rec("a1", "Что там у вас случилось утром на базе?", "open_question", "ru")
    _write(adapted, [translation | {"from": "e2"}, _rec("a2", "Похоже, ты без сил.",
                                                        "emotional_labeling", "ru")])
    corpus = make_split(root, embedder)
    assert corpus.assignment["a1"] == EXCLUDED  # adapted from a test turn, whatever the cosine
    assert corpus.assignment["a2"] == "train"
    bad = {"id-less": ({"id": ""}, "needs an 'id'"), "german": ({"lang": "de"}, "'lang' is 'de'"),
           "no language": ({"lang": None}, "'lang' is 'en'"),
           "blank": ({"text": "  "}, "needs words"),
           "too long": ({"text": "Понимаю. " * 600}, "the analysis takes at most 4,000")}
    for change, message in bad.values():
        record = {k: v for k, v in (_rec("a3", "Ты устал.", "emotional_labeling", "ru")
                                    | change).items() if v is not None}
        _write(adapted, [record])
        with pytest.raises(InputError, match=message):
            make_split(root, embedder)
    adapted.unlink()
    (root / "adapted" / "x.jsonl").mkdir()
    with pytest.raises(InputError, match="x.jsonl: not a regular file"):
        make_split(root, embedder)
    (root / "adapted" / "x.jsonl").rmdir()
    os.symlink(tmp_path / "nowhere", root / "adapted" / "gone.jsonl")
    with pytest.raises(InputError, match="gone.jsonl: not a regular file"):
        make_split(root, embedder)
    (root / "adapted" / "gone.jsonl").unlink()
    (root / "adapted").rmdir()
    (root / "adapted").write_text("not a folder")
    with pytest.raises(InputError, match="is not a folder"):
        make_split(root, embedder)


def test_a_corpus_file_saved_with_a_byte_order_mark_reads(tmp_path) -> None:
    from parley.analysis._corpus import load_examples

    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + '{"id": "b1", "text": "Угу.", "labels": '
                     '["minimal_encourager"]}\n'.encode())
    (example,) = load_examples([path])
    assert example.id == "b1" and example.text == "Угу."
