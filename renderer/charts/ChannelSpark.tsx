import { memo, useMemo } from 'react';
import { TEST_IDS } from '../test-ids';
import { layoutSpark, type SparkInput } from './spark-layout';
import { useElementSize } from './use-element-size';

type SparkProps = Omit<SparkInput, 'width' | 'height'> & { readonly label: string };

const Spark = memo(function Spark(props: SparkInput & { readonly label: string }) {
  const bars = useMemo(() => layoutSpark(props), [props]);
  if (props.width === 0 || props.height === 0) return null;
  const gaps = bars.filter((b) => b.gap).length;
  return (
    <svg
      width={props.width}
      height={props.height}
      role="img"
      aria-label={`${props.label}${gaps > 0 ? `, ${gaps} minutes with no data` : ''}`}
    >
      {bars.map((b) =>
        b.gap ? (
          <rect
            key={b.minute}
            className="chart-gap spark-gap"
            data-testid={TEST_IDS.chartGap}
            x={b.x}
            y={0}
            width={b.width}
            height={b.height}
          />
        ) : (
          <g key={b.minute}>
            <rect className="chart-bar" x={b.x} y={b.y} width={b.width} height={b.height} />
            <rect
              className="chart-bar-negative"
              x={b.x}
              y={props.height - b.negativeHeight}
              width={b.width}
              height={b.negativeHeight}
            />
          </g>
        ),
      )}
    </svg>
  );
});

/** A channel's last two hours, sized by its box; silence from a stale source is a gap, not zero. */
export function ChannelSpark(props: SparkProps) {
  const [boxRef, size] = useElementSize<HTMLDivElement>();
  return (
    <div className="spark-box" ref={boxRef}>
      <Spark {...props} width={size.width} height={size.height} />
    </div>
  );
}
