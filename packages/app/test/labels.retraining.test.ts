// `labels train` on a real SQLite store and a small shared-data folder written here: an analyst's
// confirmation makes the retrained model give that narrative to text of the same kind, a rejection
// pulls it down there, and the same decisions give byte-identical models.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decideLabel, retrainLabelModels } from '@echotrace/app';
import { predictNarratives, textFeatures } from '@echotrace/narratives';
import { decodeLabelModel, LabelScorer } from '@echotrace/narratives/training';
import { Story } from './helpers/story.builders.ts';
import { tempDir } from './helpers/temp.dir.ts';

const PRAISE = 'URW: Praise of Russia';
const DISCREDIT = 'URW: Discrediting Ukraine';

/** A SemEval-2025 Task 10 layout with made-up Russian documents, and plain news for Other. */
function sharedData(): string {
  const root = tempDir();
  const task = path.join(root, 'propaganda/semeval2025_task10/train/RU');
  mkdirSync(path.join(task, 'raw-documents'), { recursive: true });
  const docs: Array<[string, string, string]> = [];
  const discredit = [
    'Киевский режим снова лжет своим гражданам, преступная хунта ворует западную помощь.',
    'Преступный киевский режим бросает мобилизованных на убой, хунта ворует деньги.',
    'Хунта в Киеве ворует помощь и лжет, киевский режим преступен и обречен.',
    'Киевский режим и его хунта лгут о потерях, воруют и бросают солдат.',
  ];
  const other = [
    'В городе открылась новая библиотека, читатели пришли на экскурсию по залам.',
    'Футбольный клуб выиграл матч в субботу, болельщики праздновали победу команды.',
    'Синоптики обещают снег и мороз на выходных, дороги будут скользкими.',
    'В музее прошла выставка картин молодых художников, зал был полон.',
  ];
  discredit.forEach((t, i) => docs.push([`RU_D${i}.txt`, t, `${DISCREDIT}: Other`]));
  other.forEach((t, i) => docs.push([`RU_O${i}.txt`, t, 'Other']));
  for (const [file, text] of docs) writeFileSync(path.join(task, 'raw-documents', file), text);
  writeFileSync(
    path.join(task, 'subtask-2-annotations.txt'),
    docs.map(([file, , fine]) => `${file}\t${fine === 'Other' ? 'Other' : DISCREDIT}\t${fine}`).join('\n'),
  );
  const news = path.join(root, 'ner/factRuEval-2016/devset');
  mkdirSync(news, { recursive: true });
  for (let i = 0; i < 6; i++)
    writeFileSync(
      path.join(news, `book_${i}.txt`),
      `Новость номер ${i}. В областном центре прошло заседание думы, депутаты обсудили бюджет на следующий год, ремонт дорог и школ, строительство больницы. `.repeat(
        3,
      ),
    );
  return root;
}

describe('labels train', () => {
  it('learns from confirmed and rejected labels, reproducibly', async () => {
    const story = await Story.open();
    const { store } = story;
    await story.source('farm-news', []);
    const pumpkins = await story.document({
      source: 'farm-news',
      at: '2024-11-01',
      text: 'Фермеры долины вырастили рекордный урожай тыкв и кабачков, тыквы весят по сто килограммов.',
    });
    const reporting = await story.document({
      source: 'farm-news',
      at: '2024-11-02',
      text: 'Киевский режим, хунта ворует и лжет: так пишут провластные каналы, проверить это нельзя.',
    });
    const shared = sharedData();
    const train = async (out: string) => {
      const [r] = await retrainLabelModels(store, { sharedData: shared, out, languages: ['ru'] });
      return { result: r!, scorer: new LabelScorer(decodeLabelModel(readFileSync(r!.file))) };
    };
    const predicted = (scorer: LabelScorer, text: string): string[] =>
      predictNarratives(scorer, textFeatures(text)).narratives.map((n) => n.label);
    const pumpkinText = 'В долине собрали рекордный урожай тыкв: фермеры хвалят кабачки и тыквы.';
    const reportingText =
      'Хунта ворует и лжет, киевский режим: так пишут провластные каналы, проверить нельзя.';

    const before = await train(path.join(tempDir(), 'before'));
    assert.equal(before.result.analystDocuments, 0);
    assert.ok(!predicted(before.scorer, pumpkinText).includes(PRAISE));
    assert.ok(predicted(before.scorer, reportingText).includes(DISCREDIT));

    const now = new Date('2026-12-02T12:00:00Z');
    await decideLabel(store, {
      documentId: pumpkins,
      kind: 'narrative',
      label: PRAISE,
      status: 'confirmed',
      now,
    });
    await decideLabel(store, {
      documentId: reporting,
      kind: 'narrative',
      label: DISCREDIT,
      status: 'rejected',
      now,
    });
    const after = await train(path.join(tempDir(), 'after'));
    assert.equal(after.result.analystDocuments, 2);
    assert.ok(predicted(after.scorer, pumpkinText).includes(PRAISE), 'a confirmed label is learnt');
    // The rejection pulls the narrative's probability on text of that kind well down (it stays above
    // the committed model's low coarse threshold here: four made-up documents argue for it).
    const probability = (scorer: LabelScorer, text: string, label: string): number =>
      scorer.probabilities(textFeatures(text))[scorer.model.labels.indexOf(label)]!;
    const rejectedBefore = probability(before.scorer, reportingText, DISCREDIT);
    const rejectedAfter = probability(after.scorer, reportingText, DISCREDIT);
    assert.ok(rejectedAfter < rejectedBefore / 1.5, `${rejectedBefore} → ${rejectedAfter}`);
    // while text of the narrative's own kind keeps it.
    const pushing = 'Преступная хунта киевского режима ворует помощь и лжет.';
    assert.ok(predicted(after.scorer, pushing).includes(DISCREDIT));

    const again = await train(path.join(tempDir(), 'again'));
    assert.deepEqual(readFileSync(again.result.file), readFileSync(after.result.file));
    await store.close();
  });
});
