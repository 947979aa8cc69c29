"""Train the check-worthiness model that the desk ships, from a CheckThat! TSV (ClaimBuster, CC BY 4.0).

    manage.py train_checkworthiness [--data PATH] [--output PATH] [--seed N]

Reproducible: the same data and seed give the same model file, byte for byte.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from annotations.checkworthiness.model import MODEL_PATH, load_model
from annotations.checkworthiness.train import train_file

DEFAULT_DATA = (
    Path(settings.BASE_DIR).parent / "shared" / "eval" / "checkworthiness-en" / ("CT24_checkworthy_english_train.tsv")
)


class Command(BaseCommand):
    help = "Train the check-worthiness model (logistic regressions) and write its JSON file."

    def add_arguments(self, parser):
        parser.add_argument("--data", default=str(DEFAULT_DATA), help="CheckThat! TSV: Sentence_id, Text, class_label")
        parser.add_argument("--output", default=str(MODEL_PATH), help="model file to write")
        parser.add_argument("--seed", type=int, default=13, help="seed of the cross-validation folds")
        parser.add_argument("--iterations", type=int, default=500, help="optimiser iterations per fit")
        parser.add_argument("--folds", type=int, default=5, help="cross-validation folds")

    def handle(self, *args, **options):
        data_path = Path(options["data"])
        if not data_path.is_file():
            raise CommandError(f"no training file at {data_path}")
        log = self.stdout.write if options["verbosity"] > 0 else (lambda *a: None)
        try:
            data = train_file(
                data_path,
                options["output"],
                seed=options["seed"],
                iterations=options["iterations"],
                folds=options["folds"],
                log=log,
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        load_model.cache_clear()
        self.stdout.write(
            self.style.SUCCESS(
                f"trained on {data['trained_on']} sentences ({data['positives']} check-worthy): "
                f"cross-validated F1 {data['features']['cv_f1']:.3f} (features), "
                f"{data['ngrams']['cv_f1']:.3f} (features + n-grams); wrote {options['output']}"
            )
        )
