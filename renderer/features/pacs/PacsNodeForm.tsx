import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { AppError } from '../../../shared/contract/result';
import type { PacsNode, PacsNodeInput } from '../../../shared/domain/pacs';
import { Banner } from '../../components/Banner';
import { Field } from '../../components/Field';
import { useWrite } from '../../data/hooks';
import { plainMessage } from '../clinical/clinical-format';
import { draftKeyOf, draftOf, pacsNodeDraftSchema, type DraftKey, type PacsNodeDraft } from './pacs-node-draft';

/**
 * Adds a PACS node (no `node`) or edits one: its DICOMweb URL and sign-in, and/or its DIMSE address, and which
 * transport to use when it has both. The password or token is write-only: left empty, the saved one stays.
 */
export function PacsNodeForm({
  node,
  onSaved,
  onCancel,
}: {
  node?: PacsNode;
  onSaved: (n: PacsNode) => void;
  onCancel?: () => void;
}) {
  const initial = useMemo(() => draftOf(node), [node]);
  const form = useForm<PacsNodeDraft, unknown, PacsNodeInput>({
    defaultValues: initial,
    resolver: zodResolver(pacsNodeDraftSchema),
  });
  const { register, formState, setError, reset, control } = form;
  const save = useWrite('pacs:saveNode');
  const [banner, setBanner] = useState<{ kind: 'error' | 'saved'; text: string } | null>(null);
  const [useDicomweb, useDimse, auth, tls, retrieve] = useWatch({
    control,
    name: ['useDicomweb', 'useDimse', 'auth', 'tls', 'retrieve'],
  });
  const errorFor = (k: DraftKey) => formState.errors[k]?.message;
  const title = node ? `Edit ${node.name}` : 'Add a PACS node';

  const submit = form.handleSubmit(
    async (input) => {
      const result = await save
        .mutateAsync({ id: node?.id ?? null, version: node?.version ?? 0, node: input })
        .catch((err: Error) => ({ ok: false as const, error: { code: 'internal', message: err.message } as AppError }));
      if (!result.ok) {
        const issues = result.error.issues ?? (result.error.field ? [{ field: result.error.field, message: '' }] : []);
        for (const issue of issues) {
          const key = draftKeyOf(issue.field.split('.'));
          if (key) setError(key, { type: 'server', message: issue.message || plainMessage(result.error) });
        }
        setBanner({ kind: 'error', text: `Not saved: ${plainMessage(result.error)}` });
        return;
      }
      setBanner(null);
      if (!node) reset(draftOf());
      onSaved(result.value);
    },
    (errors) => {
      const n = Object.keys(errors).length;
      setBanner({ kind: 'error', text: `Not saved: ${n} field${n === 1 ? ' needs' : 's need'} attention.` });
    },
  );

  return (
    <form className="pacs-form" aria-label={title} onSubmit={(e) => void submit(e)} noValidate>
      <h2>{title}</h2>
      <Field label="Name" required error={errorFor('name')} hint="How presenters see it, e.g. Radiology PACS">
        {(p) => <input {...p} autoComplete="off" {...register('name')} />}
      </Field>

      <fieldset>
        <legend>
          <label>
            <input type="checkbox" {...register('useDicomweb')} /> DICOMweb (QIDO-RS, WADO-RS, STOW-RS)
          </label>
        </legend>
        {errorFor('useDicomweb') && (
          <div className="field__error" role="alert">
            {errorFor('useDicomweb')}
          </div>
        )}
        {useDicomweb && (
          <div className="grid">
            <Field
              label="DICOMweb URL"
              required
              wide
              error={errorFor('url')}
              hint="The base URL, e.g. http://pacs.local:8042/dicom-web"
            >
              {(p) => <input {...p} type="url" autoComplete="off" spellCheck={false} {...register('url')} />}
            </Field>
            <Field label="Sign-in" error={errorFor('auth')}>
              {(p) => (
                <select {...p} {...register('auth')}>
                  <option value="none">None</option>
                  <option value="basic">Basic (user name and password)</option>
                  <option value="bearer">Bearer token</option>
                </select>
              )}
            </Field>
            {auth === 'basic' && (
              <Field label="User name" error={errorFor('username')}>
                {(p) => <input {...p} autoComplete="off" {...register('username')} />}
              </Field>
            )}
            {auth !== 'none' && (
              <Field
                label={auth === 'basic' ? 'Password' : 'Token'}
                error={errorFor('secret')}
                hint={
                  node?.hasSecret
                    ? 'Saved: leave empty to keep it'
                    : 'Kept in BoardPrep\u2019s database, never shown again'
                }
              >
                {(p) => <input {...p} type="password" autoComplete="new-password" {...register('secret')} />}
              </Field>
            )}
            <Field
              label="CA file (https)"
              error={errorFor('webCaFile')}
              hint="Optional: a PEM file of the hospital's certificate authority"
            >
              {(p) => <input {...p} autoComplete="off" spellCheck={false} {...register('webCaFile')} />}
            </Field>
          </div>
        )}
      </fieldset>

      <fieldset>
        <legend>
          <label>
            <input type="checkbox" {...register('useDimse')} /> DIMSE (C-ECHO, C-FIND, C-GET or C-MOVE, C-STORE)
          </label>
        </legend>
        {useDimse && (
          <div className="grid">
            <Field label="Called AE title" required error={errorFor('calledAet')} hint="The PACS's own AE title">
              {(p) => <input {...p} autoComplete="off" spellCheck={false} {...register('calledAet')} />}
            </Field>
            <Field label="Host" required error={errorFor('host')}>
              {(p) => <input {...p} autoComplete="off" spellCheck={false} {...register('host')} />}
            </Field>
            <Field label="Port" required error={errorFor('port')}>
              {(p) => <input {...p} type="number" min={1} max={65535} {...register('port')} />}
            </Field>
            <Field
              label="Our AE title"
              required
              error={errorFor('ourAet')}
              hint="The PACS must know BoardPrep by this title"
            >
              {(p) => <input {...p} autoComplete="off" spellCheck={false} {...register('ourAet')} />}
            </Field>
            <Field label="Retrieve with" error={errorFor('retrieve')}>
              {(p) => (
                <select {...p} {...register('retrieve')}>
                  <option value="c-get">C-GET (same connection)</option>
                  <option value="c-move">C-MOVE (to BoardPrep&apos;s storage port)</option>
                </select>
              )}
            </Field>
            {retrieve === 'c-move' && (
              <Field
                label="Move port"
                required
                error={errorFor('movePort')}
                hint="BoardPrep listens here only while retrieving"
              >
                {(p) => <input {...p} type="number" min={1} max={65535} {...register('movePort')} />}
              </Field>
            )}
            <div className="field">
              <label>
                <input type="checkbox" {...register('tls')} /> TLS
              </label>
            </div>
            {tls && (
              <Field label="CA file (TLS)" error={errorFor('dimseCaFile')} hint="Optional: a PEM file">
                {(p) => <input {...p} autoComplete="off" spellCheck={false} {...register('dimseCaFile')} />}
              </Field>
            )}
          </div>
        )}
      </fieldset>

      {useDicomweb && useDimse && (
        <Field label="Preferred transport" error={errorFor('prefer')} hint="Used to query, retrieve and send">
          {(p) => (
            <select {...p} {...register('prefer')}>
              <option value="dicomweb">DICOMweb</option>
              <option value="dimse">DIMSE</option>
            </select>
          )}
        </Field>
      )}

      <Banner message={banner} />
      <div className="section-actions">
        {onCancel && (
          <button type="button" className="button button--ghost" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" className="button button--primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? 'Saving...' : node ? 'Save node' : 'Add node'}
        </button>
      </div>
    </form>
  );
}
