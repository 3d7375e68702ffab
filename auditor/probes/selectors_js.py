"""In-page JavaScript shared by the probes: a readable, non-positional selector for an
element (tag, id, up to three classes, prefixed by the nearest named ancestor), the same kind
of signature the checks build in Python (checks/common.py)."""

SELECTOR_JS = """
  const name = (el) => {
    let s = el.localName;
    if (el.id) s += '#' + CSS.escape(el.id);
    for (const c of [...el.classList].slice(0, 3)) s += '.' + CSS.escape(c);
    return s;
  };
  const selectorOf = (el) => {
    if (el.id || el.classList.length) return name(el);
    const anchor = el.parentElement && el.parentElement.closest('[id], [class]');
    return anchor && anchor !== document.body ? name(anchor) + ' ' + name(el) : name(el);
  };
"""
