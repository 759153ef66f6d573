"""Accuracy floors (a ratchet kept in tests/floors.json) on the shared gold files, coding their texts in-process."""
import json
from pathlib import Path

import pytest

from dyads.evaluate import code_gold, load_gold, score

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT.parent / "shared" / "gold"
FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text())
GOLD_FILES = [name for name in FLOORS if not name.startswith("_")]


@pytest.fixture(scope="module", params=GOLD_FILES)
def figures(request):
    """Headline figures of one gold file, coded once per session."""
    path = GOLD_DIR / f"{request.param}.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not present")
    gold = load_gold([path])[str(path)]
    predictions, errors = code_gold(gold)
    headline = score(gold, predictions).headline()
    headline["pipeline_errors"] = len(errors)
    for article_id, message in list(errors.items())[:3]:
        print(f"  pipeline error on {article_id}: {message}")
    print(f"\n{request.param}: " + ", ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}"
                                             for k, v in headline.items()))
    return request.param, headline


@pytest.mark.parametrize("metric", ["dyad_f1", "dyad_precision", "type_f1", "sector_accuracy", "location_accuracy",
                                    "location_50km_accuracy"])
def test_figure_not_below_floor(figures, metric):
    name, headline = figures
    if metric not in FLOORS[name]:
        pytest.skip(f"no floor for {name} {metric}")
    value = headline[metric] or 0.0
    assert value >= FLOORS[name][metric], f"{name} {metric} = {value:.3f} fell below the floor {FLOORS[name][metric]}"


def test_pipeline_codes_every_gold_article(figures):
    name, headline = figures
    assert headline["pipeline_errors"] == 0, f"the pipeline failed on {headline['pipeline_errors']} {name} articles"
