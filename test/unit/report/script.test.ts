import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as vm from 'node:vm';
import { renderReportHtml } from '../../../client/src/report/render';
import { ncclTimeoutReport } from './fixtures';

/** Runs the page's inline script against a minimal fake DOM and returns what it posted. */
function runPageScript(html: string, savedState?: unknown) {
  const m = /<script nonce="[^"]*">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(m, 'page script');
  class Element {
    constructor(public tagName: string, private attrs: Record<string, string>, private parent: Element | null = null) {}
    getAttribute(name: string) { return this.attrs[name] ?? null; }
    closest(sel: string): Element | null {
      assert.equal(sel, '[data-line]');
      return 'data-line' in this.attrs ? this : this.parent ? this.parent.closest(sel) : null;
    }
  }
  const listeners: Record<string, Array<(e: unknown) => void>> = {};
  const posted: unknown[] = [];
  const state: { value: unknown; scrolledTo: number | null } = { value: savedState, scrolledTo: null };
  const timers: Array<() => void> = [];
  const context = {
    Element,
    acquireVsCodeApi: () => ({ postMessage: (msg: unknown) => posted.push(msg), getState: () => state.value, setState: (v: unknown) => { state.value = v; } }),
    document: { addEventListener: (type: string, fn: (e: unknown) => void) => (listeners[type] ??= []).push(fn) },
    window: {
      scrollY: 0,
      scrollTo: (_x: number, y: number) => { state.scrolledTo = y; },
      addEventListener: (type: string, fn: (e: unknown) => void) => (listeners[`window:${type}`] ??= []).push(fn),
    },
    setTimeout: (fn: () => void) => timers.push(fn),
  };
  vm.runInNewContext(m![1], context);
  const fire = (type: string, e: unknown) => (listeners[type] ?? []).forEach((fn) => fn(e));
  return { Element, fire, posted, state, timers, window: context.window };
}

test('clicking a line reference (or a chart point inside one) posts {type: reveal, line}', () => {
  const html = renderReportHtml(ncclTimeoutReport(), { nonce: 'n1', cspSource: 'x' });
  const page = runPageScript(html);
  const button = new page.Element('BUTTON', { 'data-line': '7', class: 'line-link' });
  page.fire('click', { target: button });
  const title = new page.Element('title', {}, new page.Element('circle', { 'data-line': '12' }));
  page.fire('click', { target: title });
  page.fire('click', { target: new page.Element('P', {}) });
  page.fire('click', { target: new page.Element('BUTTON', { 'data-line': 'abc' }) });
  let prevented = false;
  page.fire('keydown', { key: 'Enter', target: new page.Element('circle', { 'data-line': '30' }), preventDefault: () => { prevented = true; } });
  assert.deepEqual(JSON.parse(JSON.stringify(page.posted)), [{ type: 'reveal', line: 7 }, { type: 'reveal', line: 12 }, { type: 'reveal', line: 30 }]);
  assert.ok(prevented);
});

test('the scroll position is saved in the webview state and restored when the page is rebuilt', () => {
  const html = renderReportHtml(ncclTimeoutReport(), { nonce: 'n1', cspSource: 'x' });
  const first = runPageScript(html);
  first.window.scrollY = 640;
  first.fire('window:scroll', {});
  first.fire('window:scroll', {});
  assert.equal(first.timers.length, 1, 'scroll saves are throttled');
  first.timers[0]();
  assert.deepEqual(JSON.parse(JSON.stringify(first.state.value)), { scrollY: 640 });
  const second = runPageScript(html, first.state.value);
  assert.equal(second.state.scrolledTo, 640);
});
