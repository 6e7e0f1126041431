#!/usr/bin/env python3
"""List GridCore's public declarations that have no `///` doc comment.

    scripts/undocumented-public.py [--summary] [PATH ...]     (default: Sources/GridCore)

A public declaration is a line whose first keyword is `public` or `open`
(after `@attributes` on the same line), or an enum `case` inside a public
enum. It is documented when the nearest line above it, skipping lines that
hold only `@attributes`, is a `///` line or ends a `/** ... */` block.
`public extension` and `public import` lines are not declarations of their
own and are skipped. Without --summary it prints `file:line: text` for each
undocumented declaration; with it, `undocumented / public` per folder.
It is a line-based heuristic (braces inside string literals are ignored,
multi-line strings are skipped), not a parser. The exit status is always 0.
"""
import os
import re
import sys
from collections import Counter

ATTRS = r'(?:@[\w.]+(?:\([^)]*\))?\s+)*'
DECL = re.compile(r'^\s*' + ATTRS + r'(?:(?:nonisolated|final|indirect)\s+)*(?:public|open)\b(?!\s*\()')
ATTR_ONLY = re.compile(r'^\s*@[\w.]+(?:\([^)]*\))?\s*$')
TYPE_OPEN = re.compile(r'\b(enum|struct|class|actor|extension|protocol)\b')
CASE = re.compile(r'^\s*(?:indirect\s+)?case\s+\w')


def code_part(line, state):
    """The line without string literals and comments; state['ml'] tracks a multi-line string."""
    if state['ml']:
        if '"""' in line:
            state['ml'] = False
            line = line.split('"""', 1)[1]
        else:
            return ''
    if line.count('"""') % 2 == 1:
        state['ml'] = True
        line = line.split('"""', 1)[0]
    line = re.sub(r'"(?:\\.|[^"\\])*"', '""', line)
    return line.split('//', 1)[0]


def is_enum_case(code):
    if not CASE.match(code):
        return False
    flat = code
    while True:  # drop parenthesised parts: `case a(x: Int)` has no colon left
        new = re.sub(r'\([^()]*\)', '', flat)
        if new == flat:
            break
        flat = new
    return ':' not in flat


def declarations(path):
    """Yield (line number, text, documented) for every public declaration in the file."""
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    state = {'ml': False}
    depth = 0
    stack = []          # (depth inside the body, public enum?)
    pending = None      # a type declaration whose `{` has not been seen yet
    for i, line in enumerate(lines):
        code = code_part(line, state)
        public = bool(DECL.match(code))
        m = TYPE_OPEN.search(code)
        if m and not code.strip().startswith(('case', 'if', 'for', 'guard', 'while', 'return')):
            pending = (m.group(1) == 'enum' and public) or (
                m.group(1) == 'extension' and 'public' in code)
        inner_public_enum = bool(stack) and stack[-1][0] == depth and stack[-1][1]
        decl = False
        if public:
            stripped = re.sub(r'^\s*' + ATTRS, '', code)
            decl = not re.match(r'(?:public|open)\s+(?:import|extension)\b', stripped)
        elif inner_public_enum and is_enum_case(code):
            decl = True
        if decl:
            j = i - 1
            while j >= 0 and ATTR_ONLY.match(lines[j]):
                j -= 1
            prev = lines[j].strip() if j >= 0 else ''
            yield i + 1, line.strip(), prev.startswith('///') or prev.endswith('*/')
        for ch in code:
            if ch == '{':
                depth += 1
                if pending is not None:
                    stack.append((depth, pending))
                    pending = None
                else:
                    stack.append((depth, False))
            elif ch == '}':
                if stack and stack[-1][0] == depth:
                    stack.pop()
                depth -= 1


def swift_files(root):
    if os.path.isfile(root):
        return [root]
    return sorted(os.path.join(d, n) for d, _, ns in os.walk(root) for n in ns if n.endswith('.swift'))


def main(argv):
    summary = '--summary' in argv
    roots = [a for a in argv if not a.startswith('--')] or ['Sources/GridCore']
    undocumented, total = Counter(), Counter()
    for root in roots:
        for path in swift_files(root):
            folder = os.path.dirname(path)
            for line, text, documented in declarations(path):
                total[folder] += 1
                if not documented:
                    undocumented[folder] += 1
                    if not summary:
                        print(f'{path}:{line}: {text}')
    if summary:
        for folder in sorted(total):
            print(f'{undocumented[folder]:5d} / {total[folder]:5d}  {folder}')
    print(f'{sum(undocumented.values()):5d} / {sum(total.values()):5d}  undocumented / public declarations',
          file=sys.stdout if summary else sys.stderr)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
