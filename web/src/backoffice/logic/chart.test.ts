import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { barLayout, clip, countTicks, legendOffsets, linePoints, niceMax, slantLabels, ticks } from './chart.ts';

describe('dashboard chart scales', () => {
  it('rounds the axis up to a nice number', () => {
    assert.equal(niceMax(0), 1);
    assert.equal(niceMax(7), 10);
    assert.equal(niceMax(11), 20);
    assert.equal(niceMax(23), 25);
    assert.equal(niceMax(480), 500);
    assert.deepEqual(ticks(20, 4), [0, 5, 10, 15, 20]);
    assert.deepEqual(countTicks(1), [0, 1]);
    assert.deepEqual(countTicks(5), [0, 2.5, 5].filter(Number.isInteger));
    assert.deepEqual(countTicks(20), [0, 5, 10, 15, 20]);
  });

  it('bars fill their slots bottom-up, proportional to the axis', () => {
    const bars = barLayout(
      [
        { label: 'a', value: 5 },
        { label: 'b', value: 10 },
      ],
      200,
      100,
    );
    assert.equal(bars[1].height, 100);
    assert.equal(bars[0].height, 50);
    assert.equal(bars[0].y, 50);
    assert.ok(bars[0].x + bars[0].width <= 100 && bars[1].x >= 100, 'each bar stays in its slot');
    assert.deepEqual(barLayout([], 100, 100), []);
    const narrow = barLayout([{ label: 'a', value: 1 }], 600, 100, 1, 0.3, 48);
    assert.equal(narrow[0].width, 48, 'a lone bar is not a wall');
    assert.equal(narrow[0].x, 276, 'and stays centred in its slot');
  });

  it('slants x labels only when they do not fit', () => {
    assert.equal(slantLabels(['广东', '北京'], 400), false);
    assert.equal(slantLabels(['待拍照（办理拍照）', '管局审核中（已锁定）', '初审中', '复审中'], 400), true);
  });

  it('legend entries do not overlap; long labels are clipped', () => {
    const [a, b, c] = legendOffsets(['初审·到期总数', 'Initial review·Breached', 'x']);
    assert.equal(a, 0);
    assert.ok(b > 13 * 7, 'after seven CJK characters');
    assert.ok(c - b > 7 * 20, 'after a long Latin label');
    assert.equal(clip('广东', 100), '广东');
    assert.equal(clip('Awaiting curtain photo', 60), 'Awaitin…');
    assert.ok(clip('待拍照（办理拍照）', 60).length <= 5);
  });

  it('a line spans the width; one point sits in the middle', () => {
    assert.deepEqual(linePoints([0, 5, 10], 100, 50, 10), [
      [0, 50],
      [50, 25],
      [100, 0],
    ]);
    assert.deepEqual(linePoints([3], 100, 50, 10), [[50, 35]]);
  });
});
