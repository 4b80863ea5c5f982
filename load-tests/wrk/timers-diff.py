"""Mean of each Micrometer timer between two scrapes (lines "<service> <name>_sum{...} <value>")."""
import collections
import re
import sys


def scrape(path):
    values = {}
    with open(path) as lines:
        for line in lines:
            key, value = line.rsplit(" ", 1)
            values[key] = float(value)
    return values


def main(before_path, after_path):
    before, after = scrape(before_path), scrape(after_path)
    timers = collections.defaultdict(lambda: [0.0, 0.0])
    for key, value in after.items():
        delta = value - before.get(key, 0.0)
        service, series = key.split(" ", 1)
        name = re.sub(r"_(sum|count)\{.*", "", series)
        listener = re.search(r'name="([a-z-]+?)(-\d+)?"', series)
        uri = re.search(r'uri="([^"]+)"', series)
        label = f"{service} {name}" + (f" {listener.group(1)}" if listener else "") + (f" {uri.group(1)}" if uri else "")
        timers[label][0 if "_sum{" in series else 1] += delta
    for label, (seconds, count) in sorted(timers.items()):
        if count > 0:
            print(f"  {label:75s} {count:7.0f} x {1000 * seconds / count:7.2f} ms")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
