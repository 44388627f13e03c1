import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { VIEWS } from '../../src/shared/views';
import { cell, chooseMenu, screenshots, useWorkbenchSessions } from './session';

/** Issue 16, item 12: a menu bar where Office users look for it, and the shortcuts working in the page. */

const sessions = useWorkbenchSessions();

const currentView = (page: Page): Promise<string | null> => page.locator('.nav [aria-current="page"]').textContent();
const focusedMenuItem = (page: Page): Promise<string> =>
  page.evaluate(() =>
    document.activeElement?.getAttribute('role') === 'menuitem' ? (document.activeElement.firstChild?.textContent ?? '') : '',
  );

describe('the menu bar', () => {
  it('shows 文件 编辑 视图 帮助 at the top; a click opens 文件 with its shortcuts, a submenu, and 导入计划… opens its dialog', async () => {
    const { page } = await sessions.open('menubar-click');
    const bar = page.getByRole('menubar');
    expect(await bar.getByRole('menuitem').allTextContents()).toEqual(['文件(F)', '编辑(E)', '视图(V)', '帮助(H)']);
    const box = await bar.boundingBox();
    expect(box && box.y).toBe(0);

    await bar.getByRole('menuitem', { name: '文件', exact: true }).click();
    const file = page.getByRole('menu', { name: '文件' });
    for (const label of [
      '新建工作簿…',
      '打开工作簿…',
      '保存',
      '另存为…',
      '最近打开',
      '导入计划…',
      '计划管理…',
      '导入',
      '导出Excel…',
      '单位报送表',
      '备份与恢复…',
      '打印报告…',
    ]) {
      await expect.poll(() => file.getByRole('menuitem', { name: label, exact: true }).count(), { message: label }).toBe(1);
    }
    // the shortcut is written at the right of its item, and announced as a key shortcut
    const print = file.getByRole('menuitem', { name: '打印报告…', exact: true });
    expect(await print.getAttribute('aria-keyshortcuts')).toBe('Control+P');
    const label = await print.locator('span').first().boundingBox();
    const shortcut = await print.locator('.menu-shortcut').boundingBox();
    const item = await print.boundingBox();
    expect(await print.locator('.menu-shortcut').textContent()).toBe('Ctrl+P');
    expect(label && shortcut && item && shortcut.x > label.x + label.width && shortcut.x + shortcut.width > item.x + item.width - 20).toBe(
      true,
    );

    await file.getByRole('menuitem', { name: '导入', exact: true }).hover();
    const imports = page.getByRole('menu', { name: '导入' });
    expect(await imports.getByRole('menuitem').allTextContents()).toEqual(['导入Excel（回导）…', '导入预算表…', '导入预算执行表…']);
    await page.screenshot({ path: join(screenshots, 'menubar-file-1366x768.png') });

    await file.getByRole('menuitem', { name: '导入计划…', exact: true }).click();
    await page.getByRole('dialog', { name: '导入计划' }).waitFor();
    expect(await page.getByRole('menu').count()).toBe(0);
  });

  it('works from the keyboard: Alt to the bar, arrows through menus and submenus, Enter runs, Esc steps back', async () => {
    const { page } = await sessions.open('menubar-keys');
    await cell(page, 1, 'title').click();
    await page.keyboard.press('Alt');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-menu'))).toBe('file');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focusedMenuItem(page)).toBe('新建工作簿…');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => focusedMenuItem(page)).toBe('打印报告…');
    // → on a plain item moves to the next menu, opened at its first enabled item (nothing to undo yet)
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => focusedMenuItem(page)).toBe('查找…');
    expect(await page.getByRole('menuitem', { name: '撤销', exact: true }).isDisabled()).toBe(true);
    expect(await page.getByRole('menu', { name: '编辑' }).isVisible()).toBe(true);
    expect(await page.getByRole('menu', { name: '文件' }).count()).toBe(0);
    // Esc closes the menu (the bar keeps the keyboard), a second Esc gives the keyboard back to the grid cell
    await page.keyboard.press('Escape');
    expect(await page.getByRole('menu').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-menu'))).toBe('edit');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.ag-cell')?.getAttribute('col-id') ?? null)).toBe('title');

    // Alt+F, down to 导入, → into the submenu, ← back out of it
    await page.keyboard.press('Alt+f');
    await expect.poll(() => focusedMenuItem(page)).toBe('新建工作簿…');
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowDown');
    await expect.poll(() => focusedMenuItem(page)).toBe('导入');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => focusedMenuItem(page)).toBe('导入Excel（回导）…');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => focusedMenuItem(page)).toBe('导入');
    expect(await page.getByRole('menu', { name: '导入' }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');

    // Alt+V, to 指标, Enter: the view changes and the menu is gone
    await page.keyboard.press('Alt+v');
    await expect.poll(() => focusedMenuItem(page)).toBe('任务');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => currentView(page)).toBe('指标');
    expect(await page.getByRole('menu').count()).toBe(0);
  });

  it('lists every view under 视图 with Ctrl+1…9 and Ctrl+0, and 帮助 → 关于 names the version', async () => {
    const { page } = await sessions.open('menubar-views');
    await page.getByRole('menubar').getByRole('menuitem', { name: '视图', exact: true }).click();
    const menu = page.getByRole('menu', { name: '视图' });
    const views = VIEWS.filter((view) => view.id !== 'help');
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(views.map((view, i) => `${view.label}Ctrl+${(i + 1) % 10}`));
    await page.screenshot({ path: join(screenshots, 'menubar-view-1366x768.png') });
    await page.keyboard.press('Escape');
    await chooseMenu(page, '帮助', '关于民生规划工作台');
    await expect.poll(() => page.getByTestId('about-dialog').textContent()).toMatch(/民生规划工作台.*版本 \d+\.\d+\.\d+/);
    await page.getByTestId('about-dialog').getByRole('button', { name: '确定' }).click();
  });

  it('fits a 960×540 window: the bar stays one line and its menus stay inside the window', async () => {
    const { page } = await sessions.open('menubar-small');
    await page.setViewportSize({ width: 960, height: 540 });
    await chooseMenu(page, '文件', '最近打开');
    const file = await page.getByRole('menu', { name: '文件' }).boundingBox();
    const recent = await page.getByRole('menu', { name: '最近打开' }).boundingBox();
    expect(file && file.y + file.height <= 540).toBe(true);
    expect(recent && recent.x + recent.width <= 960).toBe(true);
    expect((await page.getByRole('menubar').boundingBox())?.height).toBeLessThanOrEqual(27);
    await page.screenshot({ path: join(screenshots, 'menubar-file-960x540.png') });
  });
});

describe('keyboard shortcuts in the page', () => {
  it('Ctrl+digit switches views, but not while typing in a field', async () => {
    const { page } = await sessions.open('keys-views');
    await cell(page, 1, 'title').click();
    await page.keyboard.press('Control+2');
    await expect.poll(() => currentView(page)).toBe('指标');
    await page.keyboard.press('Control+0');
    await expect.poll(() => currentView(page)).toBe('变更记录');
    await page.keyboard.press('Control+1');
    await expect.poll(() => currentView(page)).toBe('任务');
    await page.getByLabel('快速查找').fill('教育');
    await page.keyboard.press('Control+3');
    await page.waitForTimeout(200);
    expect(await currentView(page)).toBe('任务');
  });

  it('Ctrl+F puts the cursor in the view’s quick search; F1 opens 使用说明; Ctrl+I opens 导入计划 and keys wait while it is open', async () => {
    const { page } = await sessions.open('keys-find');
    await cell(page, 2, 'title').click();
    await page.keyboard.press('Control+f');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('快速查找');
    await page.keyboard.type('医疗');
    await expect.poll(() => page.getByLabel('快速查找').inputValue()).toBe('医疗');
    await page.keyboard.press('F1');
    await expect.poll(() => currentView(page)).toBe('使用说明');
    await page.keyboard.press('Control+1');
    await cell(page, 1, 'title').click();
    await page.keyboard.press('Control+i');
    const dialog = page.getByRole('dialog', { name: '导入计划' });
    await dialog.waitFor();
    await page.keyboard.press('Control+2');
    await page.waitForTimeout(200);
    expect(await currentView(page)).toBe('任务');
  });

  it('Ctrl+P opens 报告 and, there, prints', async () => {
    const { page } = await sessions.open('keys-print');
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed += 1;
      };
    });
    await cell(page, 1, 'title').click();
    await page.keyboard.press('Control+p');
    await expect.poll(() => currentView(page)).toBe('报告');
    await page.getByTestId('report-document').waitFor();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(0);
    await page.keyboard.press('Control+p');
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  });

  it('Ctrl+S in an open cell editor saves what was typed and says 已保存; Ctrl+Z then undoes it', async () => {
    const { page, workbook } = await sessions.open('keys-save');
    await cell(page, 4, 'remark').dblclick();
    const editor = page.locator('.ag-cell-editor input, .ag-cell-inline-editing input').first();
    await editor.fill('按Ctrl+S保存');
    await page.keyboard.press('Control+s');
    await expect.poll(() => workbook.db.prepare('SELECT remark FROM task WHERE id = 4').get()).toEqual({ remark: '按Ctrl+S保存' });
    expect(await page.locator('.ag-cell-inline-editing').count()).toBe(0);
    await expect.poll(() => page.getByTestId('save-state').getAttribute('class')).toContain('confirmed');
    expect(await page.getByTestId('save-state').textContent()).toBe('已保存');
    await page.screenshot({ path: join(screenshots, 'ctrl-s-1366x768.png') });
    await cell(page, 4, 'title').click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => workbook.db.prepare('SELECT remark FROM task WHERE id = 4').get()).toEqual({ remark: '' });
  });
});
