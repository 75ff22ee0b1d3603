import { memo, useMemo } from 'react';
import { TEST_IDS } from '../test-ids';
import { layoutSpark, sparkShapes, type SparkInput } from './spark-layout';
import { useElementSize } from './use-element-size';

type SparkProps = Omit<SparkInput, 'width' | 'height'> & { readonly label: string };

const Spark = memo(function Spark(props: SparkInput & { readonly label: string }) {
  const shapes = useMemo(() => sparkShapes(layoutSpark(props), props.height), [props]);
  if (props.width === 0 || props.height === 0) return null;
  const gaps = shapes.gaps.reduce((n, g) => n + g.minutes, 0);
  return (
    <svg
      width={props.width}
      height={props.height}
      role="img"
      aria-label={`${props.label}${gaps > 0 ? `, ${gaps} minutes with no data` : ''}`}
    >
      {shapes.gaps.map((g) => (
        <rect
          key={g.minute}
          className="chart-gap spark-gap"
          data-testid={TEST_IDS.chartGap}
          x={g.x}
          y={0}
          width={g.width}
          height={props.height}
        />
      ))}
      <path className="chart-bar" d={shapes.total} />
      <path className="chart-bar-negative" d={shapes.negative} />
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
