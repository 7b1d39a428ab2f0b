import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { UseQueryResult } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { Fact } from '../../../renderer/features/print/Fact';
import { PrintPage } from '../../../renderer/features/print/PrintPage';

const answered = <T>(data: T) => ({ isSuccess: true, isError: false, data, error: null }) as UseQueryResult<T>;
const waiting = { isSuccess: false, isError: false, data: undefined, error: null } as UseQueryResult<never>;
const refused = (message: string) =>
  ({ isSuccess: false, isError: true, data: undefined, error: new Error(message) }) as UseQueryResult<never>;

const page = (reads: Record<string, UseQueryResult<unknown>>) =>
  renderToStaticMarkup(
    h(PrintPage, {
      reads,
      className: 'print-doc',
      pageRules: '@page { size: A4 }',
      children: (data: Record<string, unknown>) => h('p', null, `drawn: ${Object.values(data).join(', ')}`),
    }),
  );

describe('a print page', () => {
  it('draws the document from its reads only once every read has answered', () => {
    expect(page({ a: answered('one'), b: waiting })).not.toContain('drawn');
    expect(page({ a: answered('one'), b: answered('two') })).toContain('<p>drawn: one, two</p>');
    expect(page({ a: answered('one') })).toContain('<style>@page { size: A4 }</style>');
  });

  it('shows a refused read as an alert the exporter recognises, instead of the document', () => {
    const html = page({ a: answered('one'), b: refused('No meeting 9999') });
    expect(html).toContain('role="alert"');
    expect(html).toContain('data-testid="print-error"');
    expect(html).toContain('No meeting 9999');
    expect(html).not.toContain('drawn');
  });
});

describe('a printed fact', () => {
  it('is a labelled row, and is left out when there is nothing to say', () => {
    expect(renderToStaticMarkup(h(Fact, { label: 'Chair', children: 'Dr Varga' }))).toBe(
      '<div><dt>Chair</dt><dd>Dr Varga</dd></div>',
    );
    for (const empty of ['', undefined, null, false])
      expect(renderToStaticMarkup(h(Fact, { label: 'Chair', children: empty }))).toBe('');
  });
});
