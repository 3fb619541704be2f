//! Pipeline: one document through every analysis stage.
//!
//! text → layout → recognize → resolve → events, with no I/O. The result is
//! an [`Analysis`] that the rdf module maps to quads and the CLI prints. The
//! same document always gives the same analysis, whichever thread runs it.

use crate::events;
use crate::layout;
use crate::model::{Analysis, Document};
use crate::recognize::{self, Recognizers};
use crate::resolve::{self, actors::ActorDictionary};
use crate::text::{self, Segmented};

/// The resources every document needs, loaded once and shared.
pub struct Pipeline {
    pub recognizers: Recognizers<'static>,
    pub actors: ActorDictionaryRef,
}

/// The embedded actor dictionary, or one extended with the user's actors.
pub enum ActorDictionaryRef {
    Embedded(&'static ActorDictionary),
    Owned(Box<ActorDictionary>),
}

impl std::ops::Deref for ActorDictionaryRef {
    type Target = ActorDictionary;
    fn deref(&self) -> &ActorDictionary {
        match self {
            ActorDictionaryRef::Embedded(d) => d,
            ActorDictionaryRef::Owned(d) => d,
        }
    }
}

impl Pipeline {
    /// The pipeline with embedded resources only.
    pub fn embedded() -> Self {
        Pipeline { recognizers: Recognizers::embedded(), actors: ActorDictionaryRef::Embedded(ActorDictionary::embedded()) }
    }

    /// Add the user's actors (they win over the embedded ones).
    pub fn with_actors(mut self, extra: ActorDictionary) -> Self {
        let mut d = ActorDictionary::embedded().clone();
        d.merge(extra);
        self.actors = ActorDictionaryRef::Owned(Box::new(d));
        self
    }

    /// Analyze one document.
    pub fn analyze(&self, doc: &Document) -> Analysis {
        let seg = text::segment(&doc.text);
        self.analyze_segmented(doc, &seg)
    }

    /// Analyze a document already segmented.
    pub fn analyze_segmented(&self, doc: &Document, seg: &Segmented) -> Analysis {
        let gaz = self.recognizers.gazetteer;
        let mut publications = layout::publications(doc);
        for p in &mut publications {
            if let Some(pb) = &p.publisher {
                p.publisher = Some(resolve::organization_key(pb, gaz));
            }
        }
        let (mut mentions, mut diagnostics) = recognize::recognize(doc, seg, &publications, &self.recognizers);
        let (mut entities, mut mention_entity) = resolve::resolve(&mentions, &publications, gaz, &self.actors);
        let added = resolve::roles::link_role_mentions(&doc.text, &mut mentions, &mut entities, &mut mention_entity, |s| {
            layout::owner(&publications, s)
        });
        if added > 0 {
            sort_mentions(&mut mentions, &mut mention_entity, &mut entities);
        }
        let input = events::Input {
            text: &doc.text,
            seg,
            publications: &publications,
            mentions: &mentions,
            entities: &entities,
            mention_entity: &mention_entity,
        };
        let (events, ev_diags) = events::extract(&input);
        diagnostics.extend(ev_diags);
        Analysis { publications, mentions, entities, mention_entity, events, diagnostics }
    }
}

/// Put mentions back in text order, keeping their entity links.
fn sort_mentions(mentions: &mut Vec<crate::model::Mention>, link: &mut Vec<Option<usize>>, entities: &mut [crate::model::Entity]) {
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| (mentions[i].span.start, mentions[i].span.end));
    let mut new_index = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let old_m = std::mem::take(mentions);
    let old_l = std::mem::take(link);
    let mut slots: Vec<Option<crate::model::Mention>> = old_m.into_iter().map(Some).collect();
    for &old in &order {
        // `order` is a permutation, so every slot is taken exactly once
        if let Some(m) = slots[old].take() {
            mentions.push(m);
            link.push(old_l[old]);
        }
    }
    for e in entities.iter_mut() {
        for m in e.mentions.iter_mut() {
            *m = new_index[*m];
        }
        e.mentions.sort_unstable();
    }
}
