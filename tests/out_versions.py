"""What a killed build left in OUT: every file its old or its new complete version.

OUT starts as hard links to an old build's files (`old_out`): a file that still shares its inode
is the old file, untouched; any other must be the complete new one. Nothing else may be there
but complete hidden temporaries (`.NAME.signalkg-tmp`, cleared by the next build), and under
MPI the ranks' pieces of the files being joined (`.NAME.piece-S-R.signalkg-tmp`: hidden
temporaries too, partial by nature, which the next build clears as well).
"""
import hashlib

TEMPORARY = ".signalkg-tmp"


def digest(path):
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def files(folder):
    return {str(p.relative_to(folder)): p for p in sorted(folder.rglob("*")) if p.is_file()}


def digests(folder):
    return {name: digest(path) for name, path in files(folder).items()}


def check_old_or_new(out, old_out, old, new, when):
    """Returns (failures, how many files are new) for OUT after a kill `when`."""
    failures, replaced = [], 0
    now = files(out)
    for name, path in now.items():
        if path.name.startswith(".") and path.name.endswith(TEMPORARY):
            if ".piece-" in path.name:  # a rank's piece, never a file of OUT itself
                continue
            # Named just before its rename: must already be the complete new file.
            real = str(path.with_name(path.name[1:-len(TEMPORARY)]).relative_to(out))
            if new.get(real) != digest(path):
                failures.append(f"{when}: incomplete temporary {name}")
        elif name not in old:
            failures.append(f"{when}: unexpected file {name}")
        elif path.stat().st_ino != (old_out / name).stat().st_ino:
            replaced += 1
            if digest(path) != new[name]:
                failures.append(f"{when}: {name} is not the complete new file")
    missing = sorted(set(old) - set(now))
    if missing:
        failures.append(f"{when}: files disappeared: {missing}")
    return failures, replaced
