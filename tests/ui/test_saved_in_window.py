"""Saved answers in the window after an update: lists, visit sheet, answer page, take-home code."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from db.store import ContentStore
from desktop.core import saved
from desktop.core.paths import DataDir


def _edit_and_withdraw(data_dir: DataDir, edited: str, withdrawn: str) -> None:
    """What an update does to content.db: one answer edited, one gone."""
    with ContentStore(data_dir.content_db) as store:
        answer = store.get_answer(edited)
        assert answer is not None
        store.upsert_answers(
            [answer.with_changes(summary="A new first sentence. " + answer.summary, revision=7)]
        )
        store.delete_answers([withdrawn])


def test_saved_answers_show_their_state_after_an_update(qtbot, make_window, tmp_path) -> None:
    window = make_window()
    data_dir = window.data_dir
    with ContentStore(data_dir.content_db, readonly=True) as store:
        first, second = [a for a in store.answers() if a.asks][:2]
    for answer in (first, second):
        window.navigation.open_answer(answer.id)
        qtbot.waitUntil(lambda a=answer: window.pages.answer_page.answer_id == a.id)
        window.library.toggle_bookmark()
        window.hub.visit_question_requested.emit(0)
    _edit_and_withdraw(data_dir, first.id, second.id)
    window.hub.content_did_update.emit(2)

    rows = {r[0]: r[2] for r in window.user_data.bookmark_rows(
        {k: saved.STATUS_LABELS[v] for k, v in window.library.saved_states().items()}
    )}  # fmt: skip
    assert rows[first.id].startswith("Updated since you saved it")
    assert rows[second.id].startswith("Withdrawn by the publisher")
    assert window.statusBar().currentMessage() == "2 of your saved answers changed"
    model = window.side.bookmarks.model
    shown = [model.item(r).text() for r in range(model.rowCount())]
    assert sum("Updated since you saved it" in t for t in shown) == 1
    assert sum("Withdrawn by the publisher" in t for t in shown) == 1

    window.navigation.show_visit_sheet()
    sheet = window.pages.visit_page
    states = [
        w.text() for w in sheet.findChildren(type(sheet.title)) if w.objectName() == "savedState"
    ]
    assert sorted(states) == ["Updated since you saved it", "Withdrawn by the publisher"]
    assert len(sheet.take_home_codes) >= 1

    window.navigation.open_answer(first.id)
    qtbot.waitUntil(lambda: window.pages.answer_page.answer_id == first.id)
    page = window.pages.answer_page
    qtbot.waitUntil(lambda: "Updated since you saved it" in page.view.toPlainText())
    text = page.view.toPlainText()
    assert "What changed" in text and "A new first sentence." in text
    window.navigation.follow_link("saved", first.id)
    assert "Updated since you saved it" not in page.view.toPlainText()
    assert window.library.saved_states()[first.id] is saved.SavedStatus.CURRENT

    window.navigation.open_answer(second.id)  # gone from the library: the kept copy
    qtbot.waitUntil(lambda: window.pages.answer_page.answer_id == second.id)
    text = window.pages.answer_page.view.toPlainText()
    assert "Withdrawn by the publisher" in text and second.question in text


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="needs zbarimg (zbar-tools)")
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_take_home_code_on_screen_decodes_to_the_sheet(
    qtbot, make_window, tmp_path, theme
) -> None:
    window = make_window()
    window.looks.set_theme(theme)
    with ContentStore(window.data_dir.content_db, readonly=True) as store:
        answer = next(a for a in store.answers() if a.asks)
    window.navigation.open_answer(answer.id)
    qtbot.waitUntil(lambda: window.pages.answer_page.answer_id == answer.id)
    window.library.add_all_to_visit_sheet()
    window.navigation.show_visit_sheet()
    sheet = window.pages.visit_page
    labels = [
        w for w in sheet.findChildren(type(sheet.title)) if w.pixmap() and not w.pixmap().isNull()
    ]
    assert labels
    shot = tmp_path / "code.png"
    assert labels[0].grab().save(str(shot))
    out = subprocess.run(["zbarimg", "--raw", "-q", "-Sbinary", str(shot)], capture_output=True)
    assert out.returncode == 0
    decoded = out.stdout.decode("utf-8").rstrip("\n")
    assert decoded.startswith("Questions for my doctor") and answer.asks[0] in decoded


@pytest.mark.skipif(
    shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None,
    reason="needs zbarimg (zbar-tools) and pdftoppm (poppler-utils)",
)
def test_the_take_home_code_in_the_pdf_decodes(qtbot, make_window, tmp_path: Path) -> None:
    window = make_window()
    with ContentStore(window.data_dir.content_db, readonly=True) as store:
        answer = next(a for a in store.answers() if a.asks)
    window.navigation.open_answer(answer.id)
    qtbot.waitUntil(lambda: window.pages.answer_page.answer_id == answer.id)
    window.library.add_all_to_visit_sheet()
    window.navigation.show_visit_sheet()
    pdf = window.printing.export_page_pdf(tmp_path / "sheet.pdf")
    assert pdf is not None and pdf.exists()
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "p")], check=True)
    found = ""
    for page in sorted(tmp_path.glob("p-*.png")):
        out = subprocess.run(["zbarimg", "--raw", "-q", "-Sbinary", str(page)], capture_output=True)
        found += out.stdout.decode("utf-8")
    assert "Questions for my doctor" in found and answer.asks[0] in found


def test_file_menu_exports_and_imports_saved_answers(qtbot, make_window, tmp_path) -> None:
    window = make_window()
    with ContentStore(window.data_dir.content_db, readonly=True) as store:
        answer = next(iter(store.answers()))
    window.navigation.open_answer(answer.id)
    qtbot.waitUntil(lambda: window.pages.answer_page.answer_id == answer.id)
    window.library.toggle_bookmark()
    file_menu = window.menuBar().actions()[0].menu()
    labels = [a.text() for a in file_menu.actions()]
    assert "&Export saved answers…" in labels and "&Import saved answers…" in labels
    written = window.backup.export_to(tmp_path / "backup.json")
    assert written is not None and written.exists()
    window.user_data.store.remove_bookmark(answer.id)
    window.hub.bookmarks_did_change.emit()
    assert window.side.bookmarks.ids() == []
    assert window.backup.import_from(tmp_path / "backup.json")
    assert window.side.bookmarks.ids() == [answer.id]
    assert "Added 1 bookmark(s)" in window.statusBar().currentMessage()


def test_a_real_update_marks_saved_answers_in_the_window(qtbot, make_window, tmp_path) -> None:
    """v1 feed, save two answers, v2 edits one and deletes the other, the window syncs."""
    import json as json_

    from desktop.core.importers import read_sources
    from desktop.core.resources import sample_content_dir
    from desktop.core.sync import SyncOptions, generate_keypair
    from desktop.core.sync.publisher import publish

    key = tmp_path / "keys" / "feed.key"
    generate_keypair(key)
    answers = read_sources([sample_content_dir()]).answers
    edited, deleted = [a for a in answers if a.asks][:2]
    source, out = tmp_path / "src.jsonl", tmp_path / "feed"

    def release(rows) -> None:
        source.write_text("".join(json_.dumps(a.to_dict()) + "\n" for a in rows), "utf-8")
        publish([source], key, out, feed_id="saved-feed")

    release(answers)
    window = make_window()
    options = SyncOptions(feed=str(out), trusted_key_files=[key.with_name("feed.key.pub")],
                          bundled_keys=False)  # fmt: skip
    window.add_sync(options, start_delay_ms=3_600_000, watch_network=False)
    with qtbot.waitSignal(window.hub.content_did_update, timeout=60_000):
        window.actions_.check_updates.trigger()
    for answer in (edited, deleted):
        window.navigation.open_answer(answer.id)
        qtbot.waitUntil(lambda a=answer: window.pages.answer_page.answer_id == a.id)
        window.library.toggle_bookmark()
        window.hub.visit_question_requested.emit(0)

    new_summary = "Revised advice for this update. " + edited.summary
    release(
        [
            a.with_changes(summary=new_summary, revision=a.revision + 1) if a.id == edited.id else a
            for a in answers
            if a.id != deleted.id
        ]
    )
    with qtbot.waitSignal(window.hub.content_did_update, timeout=60_000):
        window.actions_.check_updates.trigger()
    qtbot.waitUntil(lambda: "of your saved answers changed" in window.statusBar().currentMessage())
    assert window.statusBar().currentMessage() == "2 of your saved answers changed"
    model = window.side.bookmarks.model
    shown = {model.item(r).text().split("\n")[1].split(" · ")[0] for r in range(model.rowCount())}
    assert shown == {"Updated since you saved it", "Withdrawn by the publisher"}
    window.navigation.show_visit_sheet()
    sheet = window.pages.visit_page
    states = {
        w.text() for w in sheet.findChildren(type(sheet.title)) if w.objectName() == "savedState"
    }
    assert states == {"Updated since you saved it", "Withdrawn by the publisher"}
    window.navigation.open_answer(edited.id)
    qtbot.waitUntil(lambda: "What changed" in window.pages.answer_page.view.toPlainText())
    assert "Revised advice for this update." in window.pages.answer_page.view.toPlainText()
    window.navigation.open_answer(deleted.id)
    qtbot.waitUntil(lambda: window.pages.answer_page.answer_id == deleted.id)
    assert "Withdrawn by the publisher" in window.pages.answer_page.view.toPlainText()
