import type { ReactNode } from 'react';
import { TEST_IDS } from '../../test-ids';
import type { Age } from './kpi-view';

/** Props of one KPI tile. */
export interface KpiTileProps {
  /** A stable name for tests and styling, e.g. "net-sentiment". */
  readonly kpi: string;
  readonly title: string;
  readonly figure: ReactNode;
  /** The figure's unit or qualifier, shown smaller beside it. */
  readonly unit?: string;
  /** The comparison line: "12 above usual (+4)". */
  readonly detail: ReactNode;
  readonly age: Age;
  /** A tone for the figure ('bad' for a breakdown, 'warn', 'good'); never the only cue. */
  readonly tone?: 'good' | 'warn' | 'bad' | 'neutral';
  /** Opens the posts behind the figure. */
  readonly onDrill?: () => void;
}

/** One headline figure, readable across the room, with its data age; stale tiles say so in words and look faded. */
export function KpiTile(props: KpiTileProps) {
  const figure = (
    <>
      <span className="kpi-figure" data-testid={TEST_IDS.kpiFigure} data-tone={props.tone ?? 'neutral'}>
        {props.figure}
        {props.unit !== undefined && <span className="kpi-unit">{props.unit}</span>}
      </span>
      <span className="kpi-detail">{props.detail}</span>
    </>
  );
  return (
    <section
      className="kpi-tile"
      data-testid={TEST_IDS.kpiTile}
      data-kpi={props.kpi}
      data-stale={props.age.stale ? 'true' : 'false'}
      aria-label={props.title}
    >
      <h3 className="kpi-title" data-testid={TEST_IDS.kpiTitle}>
        {props.title}
      </h3>
      {props.onDrill ? (
        <button type="button" className="tile-button" onClick={props.onDrill} title="Show the posts behind this">
          {figure}
        </button>
      ) : (
        <div className="tile-button">{figure}</div>
      )}
      <div className="tile-age" data-testid={TEST_IDS.tileAge}>
        {props.age.stale && <strong className="stale-badge">STALE · </strong>}
        {props.age.label}
      </div>
    </section>
  );
}
