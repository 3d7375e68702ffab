"""Main content: the text that language checks read, in make_page and in the browser."""

import asyncio
import json

import pytest

from auditor.testing import make_page

ARTICLE = "<p>" + "Zo geeft u uw meterstand door in de app of op de website. " * 3 + "</p>"
LAYOUT = f"""<html lang="nl"><body>
<div class="top"><a href="/">Home</a> <a href="/contact">Contact</a></div>
<nav><p>Menu met heel veel links naar alle onderdelen van de website hier.</p></nav>
<div class="wrap"><div class="content"><h1>Meterstand</h1>{ARTICLE}{ARTICLE}
<pre>curl https://api.example.nl/meter --data 12345</pre>
<table><tr><th>Tarief</th><th>Prijs</th></tr><tr><td>1</td><td>€ 0,25</td></tr>
<tr><td>2</td><td>€ 0,31</td></tr></table></div>
<div class="aside"><p>Nieuwsbrief: schrijf u in voor onze nieuwsbrief vandaag nog.</p></div></div>
<footer><p>© 2026 Voorbeeld Energie, alle rechten voorbehouden, KvK 12345678.</p></footer>
</body></html>"""


def test_largest_text_block_without_code_or_number_tables():
    main = make_page(LAYOUT).main_text
    assert main.startswith("Meterstand") and "meterstand door" in main
    for absent in ("Menu met", "Nieuwsbrief", "curl", "0,25", "© 2026"):
        assert absent not in main


CARD = (
    "<div class='card'><a href='/{0}'><h2>Vraag {0}?</h2>"
    "<div class='teaser'>Een kort antwoord op deze vraag. Lees verder voor de uitleg en wat u "
    "zelf kunt doen.</div></a></div>"
)
GRID = "".join(CARD.format(i) for i in range(8))
CARDS = f"""<html lang="nl"><body>
<div class="top"><a href="/">Home</a></div>
<div class="box"><p>Vragen? Chat met ons, elke dag van 8 tot 22 uur, ook in het weekend.</p></div>
<div class="wrap"><h1>Onderwerpen</h1><div class="grid">{GRID}</div></div>
</body></html>"""


def test_a_grid_of_cards_outscores_a_box_of_text():
    """Cards written with divs, not paragraphs: the grid is the main content, not the one
    box of text beside it (as on a help centre's topic page)."""
    main = make_page(CARDS).main_text
    assert main.count("Een kort antwoord") == 8 and "Vragen? Chat" not in main


def test_main_element_wins():
    page = make_page(
        f"<html><body><div>{ARTICLE}{ARTICLE}</div><main><h1>Kort</h1>"
        "<p>Alleen dit telt.</p></main></body></html>"
    )
    assert page.main_text == "Kort\nAlleen dit telt."


@pytest.mark.e2e
def test_the_browser_reads_the_same_main_content():
    from playwright.async_api import async_playwright

    from auditor.browser import find_browser, launch_options
    from auditor.gather import EXTRACT_JS, extract_args

    async def extract(html: str) -> str:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(**launch_options(find_browser()))
            page = await browser.new_page()
            await page.set_content(html)
            data = json.loads(await page.evaluate(EXTRACT_JS, extract_args()))
            await browser.close()
            return str(data["mainText"])

    main = asyncio.run(extract(LAYOUT))
    assert main.startswith("Meterstand") and "meterstand door" in main
    for absent in ("Menu met", "Nieuwsbrief", "curl", "0,25", "© 2026"):
        assert absent not in main
    cards = asyncio.run(extract(CARDS))
    assert cards.count("Een kort antwoord") == 8 and "Vragen? Chat" not in cards


@pytest.mark.e2e
def test_a_page_that_replaces_json_stringify_is_unloadable_not_a_crash():
    """The DOM read runs in the page's world: a hostile script that replaces JSON.stringify
    makes the page unreadable (recorded as such), not a traceback."""
    from playwright.async_api import async_playwright

    from auditor.browser import find_browser, launch_options
    from auditor.gather import Unloadable, read_dom

    async def read(script: str) -> str:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(**launch_options(find_browser()))
            page = await browser.new_page()
            await page.set_content(f"<main><p>Hallo.</p></main><script>{script}</script>")
            try:
                data = await read_dom(page, ())
                return str(data["mainText"])
            except Unloadable as exc:
                return f"unloadable: {exc}"
            finally:
                await browser.close()

    assert asyncio.run(read("")) == "Hallo."
    for script in ("JSON.stringify = () => 42;", "JSON.stringify = () => '{}';"):
        assert asyncio.run(read(script)).startswith("unloadable: the page's scripts changed")
