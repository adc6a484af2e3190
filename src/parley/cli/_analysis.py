"""``parley analysis``: the corpus split, the ``hybrid-v2`` classifier, the technique names."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parley.cli._app import user_errors
from parley.errors import InputError

app = typer.Typer(help="Build the corpus split and train the technique classifier.",
                  no_args_is_help=True)

CorpusOpt = Annotated[Path, typer.Option(
    "--corpus", help="Corpus folder with en/, ru/, kk/ and adapted/ (turns adapted into Russian "
                     "and Kazakh, used for training only).")]
SeedOpt = Annotated[int, typer.Option("--seed", help="Seed of the split and the folds.")]


def _check(corpus: Path, out: Path | None = None) -> None:
    if not corpus.is_dir():
        raise InputError(f"corpus folder {corpus} does not exist")
    if not (corpus / "en").is_dir():
        raise InputError(f"corpus folder {corpus} has no en/ subfolder")
    if out is not None and out.exists() and not out.is_dir():
        raise InputError(f"--out {out} exists and is not a folder")


@app.command("split")
@user_errors
def split(corpus: CorpusOpt = Path("data/corpus"), seed: SeedOpt = 13,
          fresh: Annotated[bool, typer.Option(
              "--fresh", help="Split anew, discarding the published split (changes dev and "
                              "test).")] = False) -> None:
    """Split the English corpus into train/dev/test; write CORPUS/splits.json.

    A published split is kept: new examples go to train, or are excluded when they are
    near-duplicates of dev or test examples. --fresh splits everything again. Turns in
    adapted/ always train, unless near a dev or test turn or a Russian or Kazakh test turn.
    """
    from parley.analysis._embed import CachedEmbedder, get_embedder
    from parley.analysis._training import EMBEDDER, make_split, write_split

    _check(corpus)
    result = make_split(corpus, CachedEmbedder(get_embedder(EMBEDDER)), seed=seed,
                        fresh=fresh)
    write_split(result, corpus / "splits.json")
    counts = ", ".join(f"{k} {v}" for k, v in result.record["counts"].items())
    adapted = "".join(f"; adapted {lang}: train {n['train']}, excluded {n['excluded']}"
                      for lang, n in result.record["adapted"].items())
    typer.echo(f"wrote {corpus / 'splits.json'}: {counts}; "
               f"{result.record['clusters']} clusters{adapted}")


@app.command("train")
@user_errors
def train(
    corpus: CorpusOpt = Path("data/corpus"),
    seed: SeedOpt = 13,
    out: Annotated[Path | None, typer.Option(
        "--out", help="Artefact folder (default: inside the installed package).")] = None,
    kind: Annotated[str, typer.Option(
        "--kind", help="Classifier: mlp (default) or logistic.")] = "mlp",
) -> None:
    """Split the corpus, train hybrid-v2, choose thresholds on dev, report dev/test/ru."""
    from parley.analysis._training import train as run

    _check(corpus, out)
    record = run(corpus, out, seed=seed, kind=kind)
    for part, m in record["metrics"].items():
        rules = record["rules_v1_metrics"][part]
        typer.echo(f"{part}: macro-F1 {m['macro_f1']:.3f} (rules-v1 {rules['macro_f1']:.3f}), "
                   f"error recall {m['error_recall']:.3f}, n={m['n']}")
    kazakh = record["kazakh"].get("metrics")
    if kazakh:
        typer.echo(f"kk (Kazakh route): macro-F1 {kazakh['macro_f1']:.3f} (without it "
                   f"{record['kazakh']['without_route']:.3f}), error recall "
                   f"{kazakh['error_recall']:.3f}, n={kazakh['n']}")
    typer.echo(f"dev ECE {record['calibration_dev']['ece']:.4f}")


@app.command("techniques")
@user_errors
def techniques() -> None:
    """List the technique names a gold label may use, with family and definition.

    Gold files for ``parley analyze --evaluate`` may also spell them as people do
    (``Emotional Labelling``, ``open-ended question``, ``I-messages``).
    """
    from rich.console import Console
    from rich.table import Table

    from parley.techniques import TECHNIQUES

    table = Table("technique", "family", "definition", title="Techniques")
    for t in TECHNIQUES.values():
        table.add_row(t.name, t.family.value.replace("_", " "), t.definition)
    Console().print(table)
