/**
 * A row as the services hand it on: the same values under camelCase names (`series_instance_uid` ->
 * `seriesInstanceUid`), typed from the row's own interface, so a record is not a second list of the table's columns
 * written by hand next to the SQL's.
 */
type Camel<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;

export type Camelized<Row> = { [K in keyof Row & string as Camel<K>]: Row[K] };

const camel = (column: string) => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export function camelized<Row extends object>(row: Row): Camelized<Row> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [camel(k), v])) as Camelized<Row>;
}
